#include "descriptors.h"

namespace pimsoc::pim {

Error validate(const DotCommand& cmd)
{
    if (!is_valid(cmd.type_a) || !is_valid(cmd.type_b)) return Error::bad_type;
    if (cmd.length == 0 || cmd.count == 0) return Error::zero_size;
    if (cmd.stride_a % elem_bytes(cmd.type_a) != 0 || cmd.stride_b % elem_bytes(cmd.type_b) != 0)
        return Error::bad_stride;
    return Error::none;
}

Error validate(const Conv2dCommand& cmd)
{
    if (!is_valid(cmd.in_type) || !is_valid(cmd.kernel_type)) return Error::bad_type;
    if (cmd.channels == 0 || cmd.height == 0 || cmd.width == 0 || cmd.kernel_h == 0 || cmd.kernel_w == 0)
        return Error::zero_size;
    if (cmd.channels > max_conv_dim || cmd.height > max_conv_dim || cmd.width > max_conv_dim)
        return Error::too_large;
    if (cmd.kernel_h > max_conv_kernel || cmd.kernel_w > max_conv_kernel) return Error::bad_kernel;
    if (cmd.stride_h == 0 || cmd.stride_w == 0 || cmd.stride_h > max_conv_stride || cmd.stride_w > max_conv_stride)
        return Error::bad_stride;
    if (cmd.pad_h >= cmd.kernel_h || cmd.pad_w >= cmd.kernel_w) return Error::bad_padding;
    // height, pad <= 65535 and 64: no overflow in 32 bits.
    if (cmd.kernel_h > cmd.height + 2 * cmd.pad_h || cmd.kernel_w > cmd.width + 2 * cmd.pad_w)
        return Error::bad_kernel;
    return Error::none;
}

Error validate(const MvmCommand& cmd)
{
    if (!is_valid(cmd.x_type) || !is_valid(cmd.matrix_type)) return Error::bad_type;
    if (cmd.rows == 0 || cmd.cols == 0) return Error::zero_size;
    if (cmd.row_stride % elem_bytes(cmd.matrix_type) != 0 || cmd.row_stride < packed_bytes(cmd.matrix_type, cmd.cols))
        return Error::bad_stride;
    return Error::none;
}

DotCommand to_dot(const MvmCommand& cmd)
{
    DotCommand dot;
    dot.type_a = cmd.x_type;
    dot.type_b = cmd.matrix_type;
    dot.a = cmd.x;
    dot.b = cmd.matrix;
    dot.length = cmd.cols;
    dot.count = cmd.rows;
    dot.stride_a = 0;
    dot.stride_b = cmd.row_stride;
    dot.init = cmd.init;
    dot.has_bias = cmd.has_bias;
    dot.bias = cmd.bias;
    dot.write_result = cmd.write_result;
    dot.dst = cmd.dst;
    return dot;
}

}  // namespace pimsoc::pim
