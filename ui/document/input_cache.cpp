// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/input_cache.h"

namespace normscope::ui {

namespace {

constexpr std::size_t kMaxEntries = 3;

AnyTensor castTo(const AnyTensor& t, DType dtype)
{
    return std::visit(
        [dtype](const auto& x) -> AnyTensor {
            if (dtype == DType::Float32)
                return x.template cast<float>();
            return x.template cast<double>();
        },
        t);
}

} // namespace

bool InputCache::matches(const Entry& entry, const Experiment& e)
{
    if (entry.loaded != e.loaded || entry.dtype != e.dtype)
        return false;
    return e.loaded || (entry.recipe == e.recipe && entry.shape == e.shape);
}

std::shared_ptr<const AnyTensor> InputCache::input(const Experiment& e)
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const Entry& entry : entries_)
            if (matches(entry, e))
                return entry.tensor;
    }
    std::shared_ptr<const AnyTensor> tensor;
    if (e.loaded)
        tensor =
            dtypeOf(*e.loaded) == e.dtype ? e.loaded : std::make_shared<const AnyTensor>(castTo(*e.loaded, e.dtype));
    else
        tensor = std::make_shared<const AnyTensor>(generateInput(e.recipe, e.shape, e.dtype));

    std::lock_guard<std::mutex> lock(mutex_);
    entries_.push_back(Entry{e.recipe, e.shape, e.dtype, e.loaded, tensor});
    if (entries_.size() > kMaxEntries)
        entries_.erase(entries_.begin());
    return tensor;
}

std::shared_ptr<const AnyTensor> InputCache::upstream(const UpstreamGradient& gradient, const Shape& shape, DType dtype)
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const UpstreamEntry& entry : upstreamEntries_)
            if (entry.gradient == gradient && entry.shape == shape && entry.dtype == dtype)
                return entry.tensor;
    }
    const auto tensor = std::make_shared<const AnyTensor>(dtype == DType::Float32
                                                              ? AnyTensor(upstreamGradient<float>(gradient, shape))
                                                              : AnyTensor(upstreamGradient<double>(gradient, shape)));
    std::lock_guard<std::mutex> lock(mutex_);
    upstreamEntries_.push_back(UpstreamEntry{gradient, shape, dtype, tensor});
    if (upstreamEntries_.size() > kMaxEntries)
        upstreamEntries_.erase(upstreamEntries_.begin());
    return tensor;
}

} // namespace normscope::ui
