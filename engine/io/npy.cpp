// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/io/npy.h"

#include "engine/io/atomic_file.h"
#include "engine/core/error.h"
#include "engine/io/npy_header.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <variant>

// Tensor data is copied byte for byte between the file's '<f4'/'<f8' and memory.
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "npy.cpp assumes a little-endian host"
#endif

namespace normscope {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicSize = 6;
// numpy pads the header so the data starts at a multiple of 64 bytes, ready for memory mapping.
constexpr std::size_t kAlignment = 64;

struct ElementType {
    DType dtype;
    std::int64_t itemSize;
};

/// "float16", "big-endian int32", "object": what a numpy user would call a descr they got wrong.
std::string describeDescr(const std::string& descr)
{
    if (descr == "O" || descr == "|O")
        return "object";
    if (descr.size() < 3 || std::string("<>|=").find(descr[0]) == std::string::npos)
        return "";
    const std::string bytes = descr.substr(2);
    if (bytes.find_first_not_of("0123456789") != std::string::npos || bytes.size() > 3)
        return "";
    const std::string order = descr[0] == '>' ? "big-endian " : "";
    const std::string bits = std::to_string(std::stoi(bytes) * 8);
    switch (descr[1]) {
    case 'f': return order + "float" + bits;
    case 'i': return order + "int" + bits;
    case 'u': return order + "uint" + bits;
    case 'c': return order + "complex" + bits;
    case 'b': return "bool";
    case 'U': return "unicode string";
    case 'S': return "byte string";
    case 'V': return "void";
    default: return "";
    }
}

ElementType elementTypeOf(const std::string& path, const std::string& descr)
{
    if (descr == "<f4")
        return {DType::Float32, 4};
    if (descr == "<f8")
        return {DType::Float64, 8};
    const std::string name = describeDescr(descr);
    std::string message = path + ": unsupported dtype '" + printableNpyText(descr) + "'";
    if (!name.empty())
        message += " (" + name + ")";
    message += ": only '<f4' (little-endian float32) and '<f8' (little-endian float64) are supported";
    if (descr == ">f4" || descr == ">f8" || descr == "|f4" || descr == "|f8")
        message += "; convert with a.astype('<f" + descr.substr(2) + "')";
    throw Error(message);
}

std::uint64_t readLittleEndian(const unsigned char* bytes, int count)
{
    std::uint64_t value = 0;
    for (int i = count - 1; i >= 0; --i)
        value = (value << 8) | bytes[i];
    return value;
}

/// Fortran order stores the first index fastest; walk the C-order positions with an odometer and
/// follow the matching Fortran offset along.
template <typename Storage>
Storage fortranToC(const Storage& fortran, const Shape& shape)
{
    const std::size_t rank = shape.size();
    std::vector<std::int64_t> stride(rank);
    std::int64_t s = 1;
    for (std::size_t d = 0; d < rank; ++d) {
        stride[d] = s;
        s *= shape[d];
    }
    Storage c(fortran.size());
    std::vector<std::int64_t> index(rank, 0);
    std::int64_t offset = 0;
    for (std::size_t i = 0; i < c.size(); ++i) {
        c[i] = fortran[static_cast<std::size_t>(offset)];
        for (std::size_t d = rank; d-- > 0;) {
            if (++index[d] < shape[d]) {
                offset += stride[d];
                break;
            }
            offset -= (shape[d] - 1) * stride[d];
            index[d] = 0;
        }
    }
    return c;
}

template <typename T>
Tensor<T> readData(NpyInput& input, const NpyHeader& header, std::int64_t bytes)
{
    typename Tensor<T>::Storage values(static_cast<std::size_t>(numel(header.shape)));
    if (bytes > 0)
        input.read(values.data(), bytes);
    if (header.fortranOrder && header.shape.size() > 1)
        values = fortranToC(values, header.shape);
    return Tensor<T>(header.shape, std::move(values));
}

/// A regular file, opened and measured once.
class FileInput : public NpyInput {
public:
    explicit FileInput(const std::string& path)
    {
        std::error_code ec;
        const auto status = std::filesystem::status(path, ec);
        if (status.type() == std::filesystem::file_type::not_found)
            throw Error(path + ": no such file");
        if (status.type() == std::filesystem::file_type::directory)
            throw Error(path + ": is a directory, not a .npy file");
        // A FIFO or device would block or has no size to check the header against.
        if (!ec && status.type() != std::filesystem::file_type::regular)
            throw Error(path + ": not a regular file");

        errno = 0;
        in_.open(path, std::ios::binary);
        if (!in_)
            throw Error(path + ": cannot open: " + (errno ? std::strerror(errno) : "unknown error"));
        in_.seekg(0, std::ios::end);
        size_ = static_cast<std::int64_t>(in_.tellg());
        in_.seekg(0, std::ios::beg);
        if (!in_ || size_ < 0)
            throw Error(path + ": cannot determine the file size");
    }

    std::int64_t size() const override { return size_; }

    void read(void* into, std::int64_t bytes) override
    {
        errno = 0;
        in_.read(static_cast<char*>(into), static_cast<std::streamsize>(bytes));
        if (in_.gcount() != static_cast<std::streamsize>(bytes))
            throw Error(std::string("read error: ") + (errno ? std::strerror(errno) : "the file ended early"));
    }

private:
    std::ifstream in_;
    std::int64_t size_ = 0;
};

} // namespace

AnyTensor readNpy(const std::string& path)
{
    FileInput input(path);
    return readNpy(input, path);
}

AnyTensor readNpy(NpyInput& input, const std::string& path)
{
    const std::int64_t fileSize = input.size();
    if (fileSize == 0)
        throw Error(path + ": file is empty, not a .npy file");
    // Read in steps, each only as far as the input holds, so that a short input gets the message
    // of the part it ends in.
    auto read = [&](void* into, std::int64_t bytes) {
        try {
            input.read(into, bytes);
        } catch (const Error& e) {
            throw Error(path + ": " + e.what());
        }
    };

    unsigned char preamble[12] = {};
    read(preamble, std::min<std::int64_t>(fileSize, 8));
    if (fileSize < static_cast<std::int64_t>(kMagicSize) || std::memcmp(preamble, kMagic, kMagicSize) != 0)
        throw Error(path + ": not a .npy file (it does not start with the magic bytes \\x93NUMPY)");
    if (fileSize < 8)
        throw Error(path + ": header is truncated: the file ends inside the format version");
    const int major = preamble[6];
    const int minor = preamble[7];
    if (major < 1 || major > 3 || minor != 0)
        throw Error(path + ": unsupported .npy format version " + std::to_string(major) + "." + std::to_string(minor)
                    + " (supported: 1.0, 2.0, 3.0)");

    const int lengthBytes = major == 1 ? 2 : 4;
    const std::int64_t preambleSize = 8 + lengthBytes;
    if (fileSize < preambleSize)
        throw Error(path + ": header is truncated: the file ends inside the header length field");
    read(preamble + 8, lengthBytes);
    const auto headerLength = static_cast<std::int64_t>(readLittleEndian(preamble + 8, lengthBytes));
    if (headerLength > kMaxNpyHeaderBytes)
        throw Error(path + ": header length " + std::to_string(headerLength)
                    + " bytes is absurdly large (limit 1 MiB): the file is corrupt");
    if (preambleSize + headerLength > fileSize)
        throw Error(path + ": header is truncated: the header length is " + std::to_string(headerLength)
                    + " bytes, the file has " + std::to_string(fileSize - preambleSize) + " after the preamble");

    std::string headerText(static_cast<std::size_t>(headerLength), '\0');
    read(headerText.data(), headerLength);
    NpyHeader header;
    try {
        header = parseNpyHeader(headerText);
    } catch (const Error& e) {
        throw Error(path + ": " + e.what());
    }
    const ElementType type = elementTypeOf(path, header.descr);

    // Compare what the shape needs with what the file holds before allocating anything.
    const std::int64_t count = numel(header.shape);
    const std::string what = "shape " + toString(header.shape) + " " + toString(type.dtype);
    if (count > std::numeric_limits<std::int64_t>::max() / type.itemSize)
        throw Error(path + ": " + what + " needs more bytes than fit in int64");
    const std::int64_t needed = count * type.itemSize;
    const std::int64_t available = fileSize - preambleSize - headerLength;
    if (needed > available)
        throw Error(path + ": data is truncated: " + what + " needs " + std::to_string(needed) + " bytes, file has "
                    + std::to_string(available));
    if (needed < available)
        throw Error(path + ": data is longer than the shape says: " + what + " needs " + std::to_string(needed)
                    + " bytes, file has " + std::to_string(available));

    try {
        if (type.dtype == DType::Float32)
            return readData<float>(input, header, needed);
        return readData<double>(input, header, needed);
    } catch (const Error& e) {
        throw Error(path + ": " + e.what() + " (in the data section)");
    }
}

std::string npyPreamble(const std::string& descr, const Shape& shape)
{
    const std::string dict = formatNpyHeader(descr, shape);
    auto paddedHeader = [&dict](std::size_t preambleSize) {
        const std::size_t unpadded = preambleSize + dict.size() + 1;
        const std::size_t padded = (unpadded + kAlignment - 1) / kAlignment * kAlignment;
        return dict + std::string(padded - unpadded, ' ') + '\n';
    };
    int major = 1;
    std::string header = paddedHeader(10);
    if (header.size() > std::numeric_limits<std::uint16_t>::max()) {
        major = 2;
        header = paddedHeader(12);
    }
    std::string out(kMagic, kMagicSize);
    out += static_cast<char>(major);
    out += '\0';
    const int lengthBytes = major == 1 ? 2 : 4;
    for (int i = 0; i < lengthBytes; ++i)
        out += static_cast<char>((header.size() >> (8 * i)) & 0xff);
    return out + header;
}

template <typename T>
void writeNpy(std::ostream& out, const Tensor<T>& t)
{
    const Shape& shape = t.shape();
    if (numel(shape) != t.numel())
        throw std::invalid_argument("writeNpy: shape " + toString(shape) + " does not match "
                                    + std::to_string(t.numel()) + " stored values");
    const std::string preamble = npyPreamble(dtypeOf<T>() == DType::Float32 ? "<f4" : "<f8", shape);
    out.write(preamble.data(), static_cast<std::streamsize>(preamble.size()));
    // Straight from the tensor's storage: no copy of the data is made for writing.
    if (t.numel() > 0)
        out.write(reinterpret_cast<const char*>(t.data()), static_cast<std::streamsize>(t.numel() * sizeof(T)));
}

template <typename T>
void writeNpy(const std::string& path, const Tensor<T>& t)
{
    writeFileAtomically(path, [&](std::ostream& out) { writeNpy(out, t); });
}

template void writeNpy<float>(std::ostream& out, const Tensor<float>& t);
template void writeNpy<double>(std::ostream& out, const Tensor<double>& t);
template void writeNpy<float>(const std::string& path, const Tensor<float>& t);
template void writeNpy<double>(const std::string& path, const Tensor<double>& t);

void writeNpy(const std::string& path, const AnyTensor& t)
{
    std::visit([&path](const auto& tensor) { writeNpy(path, tensor); }, t);
}

} // namespace normscope
