#include "random_streams.h"

#include <cmath>
#include <stdexcept>

namespace pimsoc {

namespace {

constexpr uint64_t splitmix64_increment = 0x9e3779b97f4a7c15ull;

inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

uint64_t splitmix64_mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

uint64_t fnv1a64(const std::string& bytes)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (const char c : bytes) {
        h ^= static_cast<uint8_t>(c);
        h *= 0x100000001b3ull;
    }
    return h;
}

uint64_t RandomStreams::stream_key(uint64_t seed, const std::string& name)
{
    return splitmix64_mix(splitmix64_mix(seed) ^ fnv1a64(name));
}

RandomStream::RandomStream(uint64_t key)
{
    // xoshiro256** must not start from all zeros; SplitMix64 outputs never are all four zero.
    uint64_t x = key;
    for (uint64_t& s : m_s) {
        x += splitmix64_increment;
        s = splitmix64_mix(x);
    }
}

uint64_t RandomStream::next_u64()
{
    const uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

uint64_t RandomStream::uniform_u64(uint64_t lo, uint64_t hi)
{
    if (lo > hi) throw std::invalid_argument("random stream: empty integer range");
    const uint64_t span = hi - lo + 1;  // 0 means the full 2^64 range
    if (span == 0) return next_u64();
    // Reject the lowest (2^64 mod span) values so every residue is equally likely.
    const uint64_t threshold = (0 - span) % span;
    for (;;) {
        const uint64_t x = next_u64();
        if (x >= threshold) return lo + x % span;
    }
}

int64_t RandomStream::uniform_int(int64_t lo, int64_t hi)
{
    if (lo > hi) throw std::invalid_argument("random stream: empty integer range");
    const uint64_t offset = uniform_u64(0, static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo));
    return static_cast<int64_t>(static_cast<uint64_t>(lo) + offset);
}

double RandomStream::uniform()
{
    return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

double RandomStream::uniform(double lo, double hi)
{
    return lo + (hi - lo) * uniform();
}

double RandomStream::normal(double mean, double stddev)
{
    if (!(stddev >= 0.0)) throw std::invalid_argument("random stream: standard deviation not >= 0");
    if (m_has_spare_normal) {
        m_has_spare_normal = false;
        return mean + stddev * m_spare_normal;
    }
    // Marsaglia's polar method: a uniform point in the unit disc (not its centre) gives two
    // independent standard normals.
    double u = 0.0;
    double v = 0.0;
    double s = 0.0;
    do {
        u = 2.0 * uniform() - 1.0;
        v = 2.0 * uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double factor = std::sqrt(-2.0 * std::log(s) / s);
    m_spare_normal = v * factor;
    m_has_spare_normal = true;
    return mean + stddev * (u * factor);
}

bool RandomStream::bernoulli(double p)
{
    if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("random stream: probability not in [0, 1]");
    return uniform() < p;
}

double RandomStream::exponential(double rate)
{
    if (!(rate > 0.0)) throw std::invalid_argument("random stream: exponential rate not > 0");
    return -std::log(1.0 - uniform()) / rate;
}

}  // namespace pimsoc
