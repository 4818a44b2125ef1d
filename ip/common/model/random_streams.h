// Seeded random streams for variation, noise and power failures: one run seed (`sim.seed`) and,
// per module, an independent stream derived from (seed, the module's hierarchical name). A
// module's numbers depend only on the seed and its own name, so adding, removing or reordering
// other modules, or drawing from other streams in between, changes none of them.
//
// Derivation (docs/models/pim.md, "Random streams"; exact, so another tool can reproduce it):
//   h      = FNV-1a 64 of the name's bytes (offset 0xcbf29ce484222325, prime 0x100000001b3)
//   key    = mix64(mix64(seed) ^ h)          mix64 = the SplitMix64 output function:
//            z ^= z >> 30; z *= 0xbf58476d1ce4e5b9; z ^= z >> 27; z *= 0x94d049bb133111eb; z ^= z >> 31
//   state  = s0..s3 = four successive SplitMix64 outputs from `key` (x += 0x9e3779b97f4a7c15;
//            output mix64(x)), as the xoshiro authors recommend
//   next() = xoshiro256** (Blackman and Vigna, 2018) on that state
// Draws use only integer arithmetic and IEEE-754 +, *, /, sqrt and log (no <random>
// distributions, whose output differs between standard libraries): uniform doubles are the top
// 53 bits of next() times 2^-53; uniform integers are unbiased (rejection); normal draws use
// Marsaglia's polar method (pairs; the second value of a pair is kept for the next call);
// exponential draws invert the CDF.
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>
#include <string>

namespace pimsoc {

// One stream: a xoshiro256** generator with the draws the models need. Copyable (a copy
// continues the same sequence independently).
class RandomStream {
public:
    explicit RandomStream(uint64_t key);  // see the derivation above; RandomStreams::stream() computes key

    uint64_t next_u64();
    // Uniform integer in [lo, hi] (inclusive, lo <= hi; otherwise std::invalid_argument), unbiased.
    uint64_t uniform_u64(uint64_t lo, uint64_t hi);
    int64_t uniform_int(int64_t lo, int64_t hi);
    // Uniform real in [0, 1) with 53 random bits, and in [lo, hi).
    double uniform();
    double uniform(double lo, double hi);
    // Normal with the given mean and standard deviation (>= 0; otherwise std::invalid_argument).
    double normal(double mean = 0.0, double stddev = 1.0);
    // true with probability p (0 <= p <= 1; otherwise std::invalid_argument): uniform() < p.
    bool bernoulli(double p);
    // Exponential with the given rate (> 0, e.g. failures per second; otherwise
    // std::invalid_argument): -log(1 - uniform()) / rate, mean 1 / rate.
    double exponential(double rate);

private:
    uint64_t m_s[4];
    bool m_has_spare_normal = false;
    double m_spare_normal = 0.0;
};

// The run's source of streams: built once by the SoC from `sim.seed` and handed to the modules
// that draw numbers. Stateless apart from the seed: the same name always gives the same stream
// from its start, so a module that needs several streams names them ("soc.reram.noise",
// "soc.reram.faults") and a module that restarts (a reset) may ask again.
class RandomStreams {
public:
    static constexpr uint64_t default_seed = 1;  // the documented default of `sim.seed`

    explicit RandomStreams(uint64_t seed = default_seed) : m_seed(seed) {}

    uint64_t seed() const { return m_seed; }
    RandomStream stream(const std::string& name) const { return RandomStream(stream_key(m_seed, name)); }

    // The derivation, exposed for tests and for tools that reproduce a module's numbers.
    static uint64_t stream_key(uint64_t seed, const std::string& name);

private:
    uint64_t m_seed;
};

// The pieces of the derivation (above).
uint64_t splitmix64_mix(uint64_t z);
uint64_t fnv1a64(const std::string& bytes);

}  // namespace pimsoc
