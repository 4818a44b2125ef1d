// main() and sc_main for GoogleTest binaries that use SystemC. main() sits in front of
// libsystemc's to silence the kernel's banner (printed before sc_main, also during test
// discovery). SystemC warnings and errors become test failures, so nothing passes with a warning
// in the log.
#include <gtest/gtest.h>
#include <cstdlib>
#include <systemc>

namespace {

void fail_on_report(const sc_core::sc_report& report, const sc_core::sc_actions& actions)
{
    if (report.get_severity() >= sc_core::SC_WARNING) {
        ADD_FAILURE() << "SystemC " << (report.get_severity() == sc_core::SC_WARNING ? "warning" : "error")
                      << " [" << report.get_msg_type() << "]: " << report.get_msg();
    }
    sc_core::sc_report_handler::default_handler(report, actions & ~(sc_core::SC_THROW | sc_core::SC_ABORT));
}

}  // namespace

int sc_main(int argc, char* argv[])
{
    ::testing::InitGoogleTest(&argc, argv);
    sc_core::sc_report_handler::set_handler(fail_on_report);
    return RUN_ALL_TESTS();
}

int main(int argc, char* argv[])
{
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
    return sc_core::sc_elab_and_sim(argc, argv);
}
