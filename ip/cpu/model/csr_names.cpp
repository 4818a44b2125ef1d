#include "csr_names.h"

#include <cstdio>

#include "csr_defs.h"

namespace pimsoc::cpu {
namespace {

struct NamedCsr {
    uint32_t addr;
    const char* name;
};

// Single CSRs. The numbered families (pmpcfg, pmpaddr, hpm counters and events) are computed below.
constexpr NamedCsr named_csrs[] = {
    {csr::mstatus, "mstatus"},     {csr::misa, "misa"},           {0x302, "medeleg"},
    {0x303, "mideleg"},            {csr::mie, "mie"},             {csr::mtvec, "mtvec"},
    {0x306, "mcounteren"},         {0x30a, "menvcfg"},            {csr::mstatush, "mstatush"},
    {0x31a, "menvcfgh"},           {0x320, "mcountinhibit"},      {csr::mscratch, "mscratch"},
    {csr::mepc, "mepc"},           {csr::mcause, "mcause"},       {csr::mtval, "mtval"},
    {csr::mip, "mip"},             {0x34a, "mtinst"},             {0x34b, "mtval2"},
    {0x747, "mseccfg"},            {0x757, "mseccfgh"},           {0x7a0, "tselect"},
    {0x7a1, "tdata1"},             {0x7a2, "tdata2"},             {0x7a3, "tdata3"},
    {0x7a4, "tinfo"},              {0x7a5, "tcontrol"},           {0x7a8, "mcontext"},
    {0x7b0, "dcsr"},               {0x7b1, "dpc"},                {0x7b2, "dscratch0"},
    {0x7b3, "dscratch1"},          {csr::mcycle, "mcycle"},       {csr::minstret, "minstret"},
    {csr::mcycleh, "mcycleh"},     {csr::minstreth, "minstreth"}, {csr::cycle, "cycle"},
    {csr::time, "time"},           {csr::instret, "instret"},     {csr::cycleh, "cycleh"},
    {csr::timeh, "timeh"},         {csr::instreth, "instreth"},   {csr::mvendorid, "mvendorid"},
    {csr::marchid, "marchid"},     {csr::mimpid, "mimpid"},       {csr::mhartid, "mhartid"},
    {csr::mconfigptr, "mconfigptr"},
};

// A family of numbered CSRs: first..first+count-1 named prefix<n><suffix>.
struct CsrFamily {
    uint32_t first;
    uint32_t count;
    unsigned first_number;
    const char* prefix;
    const char* suffix;
};

constexpr CsrFamily families[] = {
    {0x3a0, 16, 0, "pmpcfg", ""},         {0x3b0, 64, 0, "pmpaddr", ""},
    {0xb03, 29, 3, "mhpmcounter", ""},    {0xb83, 29, 3, "mhpmcounter", "h"},
    {0x323, 29, 3, "mhpmevent", ""},      {0x723, 29, 3, "mhpmevent", "h"},
    {0xc03, 29, 3, "hpmcounter", ""},     {0xc83, 29, 3, "hpmcounter", "h"},
};

}  // namespace

std::string csr_name(uint32_t addr)
{
    for (const NamedCsr& c : named_csrs) {
        if (c.addr == addr) {
            return c.name;
        }
    }
    for (const CsrFamily& f : families) {
        if (addr >= f.first && addr < f.first + f.count) {
            return f.prefix + std::to_string(f.first_number + (addr - f.first)) + f.suffix;
        }
    }
    char text[16];
    std::snprintf(text, sizeof text, "csr0x%03x", addr);
    return text;
}

}  // namespace pimsoc::cpu
