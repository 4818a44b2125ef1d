// cnn_run and the engine registry: ping-pong through the arena, arena checks, engine routing
// (layer field and engine_map), error propagation and the layer hook.
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <vector>

#include "cnn/cnn.h"
#include "cnn_test_model.h"

using cnnref::Tensor;
using cnnref::TestModel;

namespace {

// The test model's input: random U8 pixels.
Tensor random_input(uint32_t seed, const cnn_shape& shape)
{
    cnnref::Rng rng(seed);
    Tensor t(shape);
    cnnref::random_values(rng, t);
    return t;
}

// The expected output: each layer's CPU kernel called directly, one buffer per layer.
std::vector<int32_t> run_one_by_one(const cnn_model& model, const Tensor& input)
{
    using Kernel = void (*)(const cnn_layer*, const void*, void*);
    const Kernel kernels[CNN_OP_COUNT] = {cnn_conv2d,  cnn_fully_connected, cnn_relu,
                                          cnn_maxpool, cnn_avgpool,         cnn_requantize};
    std::vector<Tensor> tensors{input};
    for (unsigned i = 0; i < model.num_layers; i++) {
        const cnn_layer& l = model.layers[i];
        tensors.emplace_back(l.out);
        kernels[l.op](&l, tensors[i].data(), tensors.back().data());
    }
    return tensors.back().values();
}

std::vector<int32_t> values_at(const void* data, const cnn_shape& shape)
{
    std::vector<int32_t> v;
    for (size_t i = 0; i < cnnref::count(shape); i++) v.push_back(cnnref::read_value(data, shape.dtype, i));
    return v;
}

size_t arena_half(const cnn_model& m)
{
    return (m.max_activation_bytes + 3u) & ~size_t{3};
}

// A fake accelerator: records the layers it is given and runs them on the CPU engine (or fails
// with `status`).
struct FakeEngine {
    cnn_engine engine{};
    std::vector<unsigned> calls;  // layer indices (layer pointer - model layers)
    const cnn_layer* first = nullptr;
    int status = CNN_OK;
    explicit FakeEngine(const char* name)
    {
        engine.name = name;
        engine.run_layer = &FakeEngine::run;
        engine.context = this;
    }
    static int run(const cnn_engine* self, const cnn_layer* layer, const void* in, void* out)
    {
        auto* fake = static_cast<FakeEngine*>(self->context);
        fake->calls.push_back(static_cast<unsigned>(layer - fake->first));
        if (fake->status != CNN_OK) return fake->status;
        const cnn_engine* cpu = cnn_engine_cpu();
        return cpu->run_layer(cpu, layer, in, out);
    }
};

// Restores the registry after every test (tests run in one process under a plain ctest -R run).
class CnnRun : public ::testing::Test {
protected:
    void TearDown() override
    {
        for (unsigned id = 0; id < CNN_ENGINE_COUNT; id++) cnn_register_engine(id, nullptr);
    }
    TestModel m;
    Tensor input = random_input(42, m.model.input);
    std::vector<uint32_t> arena = std::vector<uint32_t>(2 * arena_half(m.model) / 4, 0xdeadbeefu);
    size_t arena_bytes() const { return arena.size() * 4; }
};

struct HookEvent {
    unsigned index;
    const cnn_layer* layer;
    cnn_layer_phase phase;
    bool operator==(const HookEvent& o) const
    {
        return index == o.index && layer == o.layer && phase == o.phase;
    }
};

void record_hook(void* user, unsigned index, const cnn_layer* layer, cnn_layer_phase phase)
{
    static_cast<std::vector<HookEvent>*>(user)->push_back({index, layer, phase});
}

}  // namespace

TEST_F(CnnRun, ModelIsValid)
{
    ASSERT_EQ(cnn_check_model(&m.model, nullptr), CNN_OK);
}

TEST_F(CnnRun, PingPongEqualsKernelsOneByOne)
{
    const void* output = nullptr;
    ASSERT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes(), nullptr, &output), CNN_OK);
    const cnn_layer& last = m.model.layers[m.model.num_layers - 1];
    const std::vector<int32_t> expected = run_one_by_one(m.model, input);
    EXPECT_EQ(values_at(output, last.out), expected);
    // 7 layers: layer 6 writes the first half.
    EXPECT_EQ(output, static_cast<const void*>(arena.data()));
    // Not a trivial result: the logits differ.
    const std::set<int32_t> distinct(expected.begin(), expected.end());
    EXPECT_GT(distinct.size(), 1u);
}

// The checkpointing app stops after any layer and resumes there: every split of the layers into
// two ranges gives cnn_run's result, the second range reading the first one's output in place.
TEST_F(CnnRun, RangesSplitAtAnyLayerEqualTheWholeRun)
{
    const std::vector<int32_t> expected = run_one_by_one(m.model, input);
    const cnn_layer& last = m.model.layers[m.model.num_layers - 1];
    for (unsigned split = 0; split <= m.model.num_layers; split++) {
        std::fill(arena.begin(), arena.end(), 0);
        const void* middle = input.data();
        if (split > 0) {
            ASSERT_EQ(cnn_run_range(&m.model, 0, split, input.data(), arena.data(), arena_bytes(), nullptr, &middle),
                      CNN_OK);
        }
        const void* output = middle;
        ASSERT_EQ(cnn_run_range(&m.model, split, m.model.num_layers + 5u, middle, arena.data(), arena_bytes(), nullptr,
                                &output),
                  CNN_OK)
            << "split " << split;
        EXPECT_EQ(values_at(output, last.out), expected) << "split " << split;
    }
}

TEST_F(CnnRun, OutputOfAnEvenLayerCountIsInTheSecondHalf)
{
    m.layers.pop_back();  // 6 layers: the requantize output (U8) is last
    m.model.num_classes = 5;
    m.link();
    ASSERT_EQ(cnn_check_model(&m.model, nullptr), CNN_OK);
    const void* output = nullptr;
    ASSERT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes(), nullptr, &output), CNN_OK);
    EXPECT_EQ(output,
              static_cast<const void*>(reinterpret_cast<uint8_t*>(arena.data()) + arena_half(m.model)));
    EXPECT_EQ(values_at(output, m.layers.back().out), run_one_by_one(m.model, input));
}

TEST_F(CnnRun, RepeatedRunsGiveTheSameResult)
{
    const void* output = nullptr;
    ASSERT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes(), nullptr, &output), CNN_OK);
    const std::vector<int32_t> first = values_at(output, m.layers.back().out);
    std::fill(arena.begin(), arena.end(), 0x12345678u);
    ASSERT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes(), nullptr, &output), CNN_OK);
    EXPECT_EQ(values_at(output, m.layers.back().out), first);
}

TEST_F(CnnRun, ArenaTooSmallOrMisaligned)
{
    const void* output = nullptr;
    EXPECT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes() - 1, nullptr, &output),
              CNN_ERR_ARENA);
    EXPECT_EQ(cnn_run(&m.model, input.data(), arena.data(), 0, nullptr, &output), CNN_ERR_ARENA);
    std::vector<uint32_t> bigger(arena.size() + 1);
    EXPECT_EQ(cnn_run(&m.model, input.data(), reinterpret_cast<uint8_t*>(bigger.data()) + 1, arena_bytes(),
                      nullptr, &output),
              CNN_ERR_ARENA);
    EXPECT_EQ(cnn_run(&m.model, input.data(), reinterpret_cast<uint8_t*>(bigger.data()) + 2, arena_bytes(),
                      nullptr, &output),
              CNN_ERR_ARENA);
    EXPECT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes(), nullptr, &output), CNN_OK);
}

TEST_F(CnnRun, HalvesAreRoundedUpToFourBytes)
{
    // max_activation_bytes 257 -> halves of 260: 518 bytes are not enough, 520 are.
    m.model.max_activation_bytes = 257;
    std::vector<uint32_t> big(130);
    const void* output = nullptr;
    EXPECT_EQ(cnn_run(&m.model, input.data(), big.data(), 518, nullptr, &output), CNN_ERR_ARENA);
    ASSERT_EQ(cnn_run(&m.model, input.data(), big.data(), 520, nullptr, &output), CNN_OK);
    EXPECT_EQ(output, static_cast<const void*>(big.data()));
    EXPECT_EQ(values_at(output, m.layers.back().out), run_one_by_one(m.model, input));
}

TEST_F(CnnRun, UncheckedTensorLargerThanTheHalfIsRefused)
{
    m.model.max_activation_bytes = 64;  // conv0 writes 256 bytes
    std::vector<uint32_t> small(2 * 64 / 4);
    std::vector<HookEvent> events;
    const cnn_run_options options = {nullptr, record_hook, &events};
    EXPECT_EQ(cnn_run(&m.model, input.data(), small.data(), 128, &options, nullptr), CNN_ERR_ARENA);
    EXPECT_TRUE(events.empty());
}

TEST_F(CnnRun, HookCalledBeginAndEndPerLayerInOrder)
{
    std::vector<HookEvent> events;
    const cnn_run_options options = {nullptr, record_hook, &events};
    ASSERT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes(), &options, nullptr), CNN_OK);
    std::vector<HookEvent> expected;
    for (unsigned i = 0; i < m.model.num_layers; i++) {
        expected.push_back({i, &m.model.layers[i], CNN_LAYER_BEGIN});
        expected.push_back({i, &m.model.layers[i], CNN_LAYER_END});
    }
    EXPECT_EQ(events, expected);
}

TEST_F(CnnRun, EngineMapRoutesToARegisteredEngine)
{
    FakeEngine rtm("rtm");
    rtm.first = m.model.layers;
    ASSERT_EQ(cnn_register_engine(CNN_ENGINE_RTM, &rtm.engine), CNN_OK);
    EXPECT_EQ(cnn_find_engine(CNN_ENGINE_RTM), &rtm.engine);
    const uint8_t map[7] = {CNN_ENGINE_RTM, CNN_ENGINE_CPU, CNN_ENGINE_CPU, CNN_ENGINE_CPU,
                            CNN_ENGINE_RTM, CNN_ENGINE_CPU, CNN_ENGINE_RTM};
    const cnn_run_options options = {map, nullptr, nullptr};
    const void* output = nullptr;
    ASSERT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes(), &options, &output), CNN_OK);
    EXPECT_EQ(rtm.calls, (std::vector<unsigned>{0, 4, 6}));
    EXPECT_EQ(values_at(output, m.layers.back().out), run_one_by_one(m.model, input));
}

TEST_F(CnnRun, LayerEngineFieldRoutesWithoutAMap)
{
    FakeEngine mram("mram");
    mram.first = m.model.layers;
    ASSERT_EQ(cnn_register_engine(CNN_ENGINE_MRAM, &mram.engine), CNN_OK);
    m.layers[1].engine = CNN_ENGINE_MRAM;
    m.layers[5].engine = CNN_ENGINE_MRAM;
    ASSERT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes(), nullptr, nullptr), CNN_OK);
    EXPECT_EQ(mram.calls, (std::vector<unsigned>{1, 5}));
    // The map overrides the layer field: all on the CPU.
    const uint8_t all_cpu[7] = {};
    const cnn_run_options options = {all_cpu, nullptr, nullptr};
    mram.calls.clear();
    ASSERT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes(), &options, nullptr), CNN_OK);
    EXPECT_TRUE(mram.calls.empty());
}

TEST_F(CnnRun, UnregisteredEngine)
{
    std::vector<HookEvent> events;
    const uint8_t map[7] = {CNN_ENGINE_CPU, CNN_ENGINE_CPU, CNN_ENGINE_RERAM};
    const cnn_run_options options = {map, record_hook, &events};
    EXPECT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes(), &options, nullptr),
              CNN_ERR_NO_ENGINE);
    EXPECT_EQ(events.size(), 4u);  // layers 0 and 1 ran; layer 2 was never started
    const uint8_t out_of_range[7] = {CNN_ENGINE_COUNT};
    const cnn_run_options options2 = {out_of_range, nullptr, nullptr};
    EXPECT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes(), &options2, nullptr),
              CNN_ERR_NO_ENGINE);
    m.layers[3].engine = 200;
    EXPECT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes(), nullptr, nullptr),
              CNN_ERR_NO_ENGINE);
}

TEST_F(CnnRun, EngineErrorsPropagate)
{
    FakeEngine reram("reram");
    reram.first = m.model.layers;
    reram.status = CNN_ERR_UNSUPPORTED;
    ASSERT_EQ(cnn_register_engine(CNN_ENGINE_RERAM, &reram.engine), CNN_OK);
    m.layers[4].engine = CNN_ENGINE_RERAM;
    std::vector<HookEvent> events;
    const cnn_run_options options = {nullptr, record_hook, &events};
    const void* output = &events;  // untouched on error
    EXPECT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes(), &options, &output),
              CNN_ERR_UNSUPPORTED);
    EXPECT_EQ(output, static_cast<const void*>(&events));
    EXPECT_EQ(reram.calls, std::vector<unsigned>{4});
    // The failing layer's hook is still closed (END), and nothing runs after it.
    ASSERT_EQ(events.size(), 10u);
    EXPECT_EQ(events.back(), (HookEvent{4, &m.model.layers[4], CNN_LAYER_END}));

    reram.status = CNN_ERR_ENGINE;
    EXPECT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes(), nullptr, nullptr), CNN_ERR_ENGINE);
    reram.status = 7;  // not a cnn_status: reported as a device error
    EXPECT_EQ(cnn_run(&m.model, input.data(), arena.data(), arena_bytes(), nullptr, nullptr), CNN_ERR_ENGINE);
}

TEST_F(CnnRun, CpuEngineRefusesWhatItCannotRun)
{
    const cnn_engine* cpu = cnn_engine_cpu();
    std::vector<uint32_t> out(64);
    cnn_layer bad = m.model.layers[1];  // relu
    bad.in.dtype = bad.out.dtype = CNN_U8;
    EXPECT_EQ(cpu->run_layer(cpu, &bad, input.data(), out.data()), CNN_ERR_UNSUPPORTED);
    bad.op = CNN_OP_COUNT;
    EXPECT_EQ(cpu->run_layer(cpu, &bad, input.data(), out.data()), CNN_ERR_UNSUPPORTED);
    cnn_layer conv = m.model.layers[0];
    conv.weights = nullptr;
    EXPECT_EQ(cpu->run_layer(cpu, &conv, input.data(), out.data()), CNN_ERR_UNSUPPORTED);
    conv = m.model.layers[0];
    EXPECT_EQ(cpu->run_layer(cpu, &conv, input.data(), arena.data()), CNN_OK);
}

TEST(CnnEngines, Registry)
{
    const cnn_engine* cpu = cnn_engine_cpu();
    ASSERT_NE(cpu, nullptr);
    EXPECT_STREQ(cpu->name, "cpu");
    EXPECT_EQ(cnn_find_engine(CNN_ENGINE_CPU), cpu);
    for (unsigned id = 1; id < CNN_ENGINE_COUNT; id++) EXPECT_EQ(cnn_find_engine(id), nullptr) << id;
    EXPECT_EQ(cnn_find_engine(CNN_ENGINE_COUNT), nullptr);

    FakeEngine fake("fake");
    EXPECT_EQ(cnn_register_engine(CNN_ENGINE_COUNT, &fake.engine), CNN_ERR_NO_ENGINE);
    EXPECT_EQ(cnn_register_engine(CNN_ENGINE_RERAM, &fake.engine), CNN_OK);
    EXPECT_EQ(cnn_find_engine(CNN_ENGINE_RERAM), &fake.engine);
    EXPECT_EQ(cnn_register_engine(CNN_ENGINE_RERAM, nullptr), CNN_OK);
    EXPECT_EQ(cnn_find_engine(CNN_ENGINE_RERAM), nullptr);
    // The CPU slot can be replaced; removing the replacement restores the built-in engine.
    EXPECT_EQ(cnn_register_engine(CNN_ENGINE_CPU, &fake.engine), CNN_OK);
    EXPECT_EQ(cnn_find_engine(CNN_ENGINE_CPU), &fake.engine);
    EXPECT_EQ(cnn_register_engine(CNN_ENGINE_CPU, nullptr), CNN_OK);
    EXPECT_EQ(cnn_find_engine(CNN_ENGINE_CPU), cpu);
}
