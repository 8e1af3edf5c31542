// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/aligned_allocator.h"
#include "engine/core/shape.h"

#include <cstdint>
#include <utility>
#include <variant>
#include <vector>

namespace normscope {

/// A contiguous, C-ordered (row-major) array of float or double. Owns its storage (aligned:
/// aligned_allocator.h); kernels take raw pointers into it, so no element is copied on the hot path.
template <typename T>
class Tensor {
    static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>, "Tensor holds float or double");

public:
    using value_type = T;
    using Storage = std::vector<T, AlignedAllocator<T>>;

    Tensor() = default;
    /// A zero-filled tensor of the given shape.
    explicit Tensor(Shape shape) : shape_(std::move(shape)), data_(static_cast<std::size_t>(normscope::numel(shape_)))
    {}
    Tensor(Shape shape, T fill)
        : shape_(std::move(shape)),
          data_(static_cast<std::size_t>(normscope::numel(shape_)), fill)
    {}
    /// Takes ownership of data, whose size must equal the shape's element count.
    Tensor(Shape shape, Storage data) : shape_(std::move(shape)), data_(std::move(data)) {}
    /// Copies data, whose size must equal the shape's element count.
    Tensor(Shape shape, const std::vector<T>& data) : shape_(std::move(shape)), data_(data.begin(), data.end()) {}

    const Shape& shape() const { return shape_; }
    int rank() const { return static_cast<int>(shape_.size()); }
    std::int64_t dim(int axis) const { return shape_[static_cast<std::size_t>(axis)]; }
    std::int64_t numel() const { return static_cast<std::int64_t>(data_.size()); }
    bool empty() const { return data_.empty(); }

    T* data() { return data_.data(); }
    const T* data() const { return data_.data(); }
    T& operator[](std::int64_t i) { return data_[static_cast<std::size_t>(i)]; }
    const T& operator[](std::int64_t i) const { return data_[static_cast<std::size_t>(i)]; }
    const Storage& values() const { return data_; }

    /// Gives the tensor this shape, reusing the storage when the element count already fits.
    void resize(const Shape& shape)
    {
        shape_ = shape;
        data_.resize(static_cast<std::size_t>(normscope::numel(shape_)));
    }

    /// The same values in another element type.
    template <typename U>
    Tensor<U> cast() const
    {
        return Tensor<U>(shape_, typename Tensor<U>::Storage(data_.begin(), data_.end()));
    }

private:
    Shape shape_;
    Storage data_;
};

enum class DType { Float32, Float64 };

template <typename T>
constexpr DType dtypeOf()
{
    return std::is_same_v<T, float> ? DType::Float32 : DType::Float64;
}

/// A tensor whose element type is known only at run time (read from a file, chosen by the user).
using AnyTensor = std::variant<Tensor<float>, Tensor<double>>;

inline DType dtypeOf(const AnyTensor& t)
{
    return t.index() == 0 ? DType::Float32 : DType::Float64;
}
inline const Shape& shapeOf(const AnyTensor& t)
{
    return std::visit([](const auto& x) -> const Shape& { return x.shape(); }, t);
}

const char* toString(DType dtype);

} // namespace normscope
