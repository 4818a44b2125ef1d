// test::run (tests/common/tlm_test_initiator.h) fails a test whose body did not run to its end, so
// that checks after a wait that never returns cannot pass by not running.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

#include "common/tlm_test_initiator.h"

namespace {

// (EXPECT_NONFATAL_FAILURE's statement may not use local variables: the bodies are plain functions.)
void wait_past_the_limit() { sc_core::wait(1, sc_core::SC_SEC); }
// Waits for an event nobody notifies: the simulation ends with nothing left to do.
void wait_for_an_event_never_notified()
{
    sc_core::sc_event never("never");
    sc_core::wait(never);
}
void stop_then_wait()
{
    sc_core::sc_stop();
    sc_core::wait(1, sc_core::SC_NS);
}
void wait_and_return() { sc_core::wait(10, sc_core::SC_NS); }

}  // namespace

TEST(HardeningTestRun, PassesABodyThatFinishes)
{
    bool reached_the_end = false;
    pimsoc::test::run([&] {
        sc_core::wait(10, sc_core::SC_NS);
        reached_the_end = true;
    });
    EXPECT_TRUE(reached_the_end);
}

TEST(HardeningTestRun, FailsABodyCutByTheTimeLimit)
{
    EXPECT_NONFATAL_FAILURE(pimsoc::test::run(wait_past_the_limit, sc_core::sc_time(1, sc_core::SC_MS)),
                            "the test body did not run to completion: the simulation ended at 1 ms");
}

TEST(HardeningTestRun, FailsABodyStoppedAtAWait)
{
    EXPECT_NONFATAL_FAILURE(pimsoc::test::run(stop_then_wait), "the test body did not run to completion");
}

TEST(HardeningTestRun, RunUntilStoppedPassesABodyStoppedAtAWait)
{
    pimsoc::test::run_until_stopped(stop_then_wait);
    EXPECT_EQ(sc_core::sc_get_status(), sc_core::SC_STOPPED);
}

TEST(HardeningTestRun, RunUntilStoppedFailsABodyThatFinishes)
{
    EXPECT_NONFATAL_FAILURE(pimsoc::test::run_until_stopped(wait_and_return),
                            "the test body ran to completion");
}

TEST(HardeningTestRun, RunUntilStoppedFailsABodyLeftWaitingWithoutAStop)
{
#ifdef __SANITIZE_ADDRESS__
    // The body is left waiting on purpose: SystemC never frees a thread that did not end, which
    // LeakSanitizer would report at exit. That leak is this test's subject, not a defect.
    __lsan_disable();
#endif
    EXPECT_NONFATAL_FAILURE(pimsoc::test::run_until_stopped(wait_for_an_event_never_notified),
                            "without sc_stop(), with the body still waiting");
}
