// cnn_golden: classifies images of a dataset blob on the host with the firmware's inference library
// and model, printing the same result lines as the cnn_fmnist firmware (docs/cnn.md).
//
//   cnn_golden BLOB [--model NAME] [--first N] [--count N] [--predictions] [--logits]
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "cnn/cnn.h"
#include "cnn/cnn_dataset.h"
#include "cnn/cnn_report.h"
#include "fmnist_models.h"

namespace {

struct Options {
    std::string blob;
    const cnn_model* model = fmnist_find_model(FMNIST_DEFAULT_MODEL);
    uint32_t first = 0;
    uint32_t count = UINT32_MAX;  // all
    bool predictions = false;
    bool logits = false;
};

const char* const usage =
    "usage: cnn_golden BLOB [--model NAME] [--first N] [--count N] [--predictions] [--logits]\n"
    "  Classifies images of a dataset blob (firmware/models/make_dataset_blob.py) with the host build\n"
    "  of the firmware's CNN (--model w8a8 (default), w4a4, w2a2, w1a4, w1a2, w1a1 or a co-exploration\n"
    "  variant, docs/cnn.md); prints the lines the cnn_fmnist firmware prints.\n";

std::string model_names()
{
    std::string names;
    for (unsigned i = 0; fmnist_model_names[i]; ++i) {
        names += (i ? (fmnist_model_names[i + 1] ? ", " : " or ") : "") + std::string(fmnist_model_names[i]);
    }
    return names;
}

uint32_t parse_count(const std::string& option, const std::string& text)
{
    try {
        size_t used = 0;
        unsigned long value = std::stoul(text, &used, 0);
        if (used == text.size() && value <= UINT32_MAX && text[0] != '-') {
            return static_cast<uint32_t>(value);
        }
    } catch (const std::exception&) {
    }
    throw std::invalid_argument(option + ": '" + text + "' is not a number");
}

Options parse(int argc, char** argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if ((arg == "--first" || arg == "--count") && i + 1 < argc) {
            (arg == "--first" ? options.first : options.count) = parse_count(arg, argv[++i]);
        } else if (arg == "--model" && i + 1 < argc) {
            options.model = fmnist_find_model(argv[++i]);
            if (options.model == nullptr) {
                throw std::invalid_argument(std::string("--model: unknown model '") + argv[i] + "' (expected " +
                                            model_names() + ")");
            }
        } else if (arg == "--predictions") {
            options.predictions = true;
        } else if (arg == "--logits") {
            options.logits = true;
        } else if (!arg.empty() && arg[0] != '-' && options.blob.empty()) {
            options.blob = arg;
        } else {
            throw std::invalid_argument("unexpected argument '" + arg + "'");
        }
    }
    if (options.blob.empty()) {
        throw std::invalid_argument("no dataset blob given");
    }
    return options;
}

std::vector<uint8_t> read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error(path + ": cannot open");
    }
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        throw std::runtime_error(path + ": read error");
    }
    return bytes;
}

int classify(const Options& options)
{
    const cnn_model& model = *options.model;
    std::vector<uint8_t> blob = read_file(options.blob);
    cnn_dataset dataset;
    cnn_dataset_status status = cnn_dataset_open(&dataset, blob.data(), blob.size());
    if (status != CNN_DATASET_OK) {
        throw std::runtime_error(options.blob + ": " + cnn_dataset_status_text(status));
    }
    unsigned bad_layer = 0;
    if (cnn_check_model(&model, &bad_layer) != CNN_OK) {
        throw std::runtime_error(std::string("model ") + model.name + ": layer " + std::to_string(bad_layer) +
                                 " is invalid");
    }
    if (dataset.channels != model.input.c || dataset.rows != model.input.h || dataset.cols != model.input.w) {
        throw std::runtime_error(options.blob + ": images do not have the model's input shape");
    }
    if (options.first >= dataset.count) {
        throw std::runtime_error(options.blob + ": first image " + std::to_string(options.first) + " is past its " +
                                 std::to_string(dataset.count) + " images");
    }
    uint32_t count = std::min(options.count, dataset.count - options.first);
    std::vector<uint32_t> arena(FMNIST_MODELS_ARENA_BYTES / 4);
    const cnn_layer& last = model.layers[model.num_layers - 1];
    cnn_tally tally{};
    for (uint32_t i = options.first; i < options.first + count; ++i) {
        const void* output = nullptr;
        int rc = cnn_run(&model, cnn_dataset_image(&dataset, i), arena.data(), arena.size() * 4, nullptr, &output);
        if (rc != CNN_OK) {
            throw std::runtime_error("image " + std::to_string(i) + ": cnn_run failed with status " +
                                     std::to_string(rc));
        }
        unsigned label = cnn_dataset_label(&dataset, i);
        unsigned predicted = cnn_argmax(output, last.out.dtype, model.num_classes);
        cnn_tally_add(&tally, label, predicted);
        if (options.predictions || options.logits) {
            cnn_print_result(i, label, predicted, output, &last.out, options.logits);
        }
    }
    cnn_print_tally(&tally, model.num_classes);
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    Options options;
    try {
        options = parse(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "cnn_golden: %s\n%s", e.what(), usage);
        return 2;
    }
    try {
        return classify(options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "cnn_golden: %s\n", e.what());
        return 2;
    }
}
