// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/core/stats_layout.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace normscope {

namespace {

/// Checked like every product of sizes (numel): a shape with a zero size can hold sub-products
/// that overflow.
std::int64_t product(const Shape& s, std::size_t from, std::size_t to)
{
    to = std::min(to, s.size());
    return from >= to
        ? 1
        : numel(Shape(s.begin() + static_cast<std::ptrdiff_t>(from), s.begin() + static_cast<std::ptrdiff_t>(to)));
}

std::string joinUpper(const std::vector<std::string>& names, const std::vector<int>& axes)
{
    std::string out;
    for (std::size_t i = 0; i < axes.size(); ++i) {
        std::string n = names[static_cast<std::size_t>(axes[i])];
        for (char& ch : n)
            ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        out += (i ? ", " : "") + n;
    }
    return out;
}

} // namespace

StatsLayout::StatsLayout(const NormSpec& spec, const Shape& x) : kind_(spec.kind), input_(x)
{
    const std::size_t rank = x.size();
    const std::int64_t N = rank > 0 ? x[0] : 1;
    channels_ = rank > 1 ? x[1] : 1;
    const std::int64_t spatial = product(x, 2, rank);

    switch (kind_) {
    case NormKind::Batch:
        outer_ = N;
        groups_ = channels_;
        inner_ = spatial;
        statsShape_ = {channels_};
        break;
    case NormKind::Instance:
        outer_ = 1;
        groups_ = N * channels_;
        inner_ = spatial;
        statsShape_ = {N, channels_};
        break;
    case NormKind::Group:
        numGroupsG_ = spec.num_groups;
        outer_ = 1;
        groups_ = N * numGroupsG_;
        inner_ = (channels_ / numGroupsG_) * spatial;
        statsShape_ = {N, numGroupsG_};
        break;
    case NormKind::Layer:
    case NormKind::Rms: {
        normalizedRank_ = static_cast<int>(spec.normalized_shape.size());
        const std::size_t lead = rank - static_cast<std::size_t>(normalizedRank_);
        outer_ = 1;
        groups_ = product(x, 0, lead);
        inner_ = product(x, lead, rank);
        statsShape_ = Shape(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(lead));
        break;
    }
    }

    if (kind_ == NormKind::Layer || kind_ == NormKind::Rms) {
        paramInner_ = 1;
        paramCount_ = inner_;
    } else {
        paramInner_ = spatial;
        paramCount_ = channels_;
    }
}

std::vector<std::int64_t> StatsLayout::elementsOf(std::int64_t group) const
{
    std::vector<std::int64_t> out;
    out.reserve(static_cast<std::size_t>(groupSize()));
    forEachElement(group, [&](std::int64_t i) { out.push_back(i); });
    return out;
}

std::vector<int> StatsLayout::reducedAxes() const
{
    const int rank = static_cast<int>(input_.size());
    std::vector<int> axes;
    switch (kind_) {
    case NormKind::Batch:
        axes.push_back(0);
        for (int a = 2; a < rank; ++a)
            axes.push_back(a);
        break;
    case NormKind::Instance:
        for (int a = 2; a < rank; ++a)
            axes.push_back(a);
        break;
    case NormKind::Group:
        for (int a = 1; a < rank; ++a)
            axes.push_back(a);
        break;
    case NormKind::Layer:
    case NormKind::Rms:
        for (int a = rank - normalizedRank_; a < rank; ++a)
            axes.push_back(a);
        break;
    }
    return axes;
}

std::string StatsLayout::reducedOver() const
{
    const int rank = static_cast<int>(input_.size());
    if (kind_ != NormKind::Group)
        return joinUpper(axisNames(rank), reducedAxes());
    std::vector<int> spatial;
    for (int a = 2; a < rank; ++a)
        spatial.push_back(a);
    return "C/G" + (spatial.empty() ? std::string() : ", " + joinUpper(axisNames(rank), spatial));
}

std::vector<std::string> StatsLayout::axisNames(int rank)
{
    switch (rank) {
    case 1: return {"c"};
    case 2: return {"n", "c"};
    case 3: return {"n", "c", "l"};
    case 4: return {"n", "c", "h", "w"};
    default: return {"n", "c", "d", "h", "w"};
    }
}

std::vector<std::string> StatsLayout::statsAxisNames() const
{
    switch (kind_) {
    case NormKind::Batch: return {"c"};
    case NormKind::Instance: return {"n", "c"};
    case NormKind::Group: return {"n", "g"};
    case NormKind::Layer:
    case NormKind::Rms: {
        auto names = axisNames(static_cast<int>(input_.size()));
        names.resize(statsShape_.size());
        return names;
    }
    }
    return {};
}

std::string StatsLayout::groupLabel(std::int64_t group) const
{
    if (statsShape_.empty())
        return "all";
    const auto names = statsAxisNames();
    std::vector<std::int64_t> index(statsShape_.size());
    std::int64_t rest = group;
    for (std::size_t i = statsShape_.size(); i-- > 0;) {
        index[i] = rest % statsShape_[i];
        rest /= statsShape_[i];
    }
    std::ostringstream out;
    for (std::size_t i = 0; i < index.size(); ++i)
        out << (i ? ", " : "") << names[i] << '=' << index[i];
    if (kind_ == NormKind::Group) {
        const std::int64_t perGroup = channels_ / numGroupsG_;
        const std::int64_t first = index[1] * perGroup;
        if (perGroup == 1)
            out << " (c " << first << ')';
        else
            out << " (c " << first << ".." << first + perGroup - 1 << ')';
    }
    return out.str();
}

std::string StatsLayout::describe() const
{
    const int rank = static_cast<int>(input_.size());
    const std::string over = joinUpper(axisNames(rank), reducedAxes());
    switch (kind_) {
    case NormKind::Batch: return "BatchNorm: one mean and variance per channel, over " + over;
    case NormKind::Instance: return "InstanceNorm: one mean and variance per sample and channel, over " + over;
    case NormKind::Group: {
        std::ostringstream out;
        out << "GroupNorm: one mean and variance per sample and group of " << channels_ / numGroupsG_ << " channel"
            << (channels_ / numGroupsG_ == 1 ? "" : "s") << " (G=" << numGroupsG_ << "), over " << reducedOver();
        return out.str();
    }
    case NormKind::Layer:
        return "LayerNorm: one mean and variance per "
            + (statsShape_.empty() ? std::string("tensor") : std::string("leading index")) + ", over " + over;
    case NormKind::Rms:
        return "RMSNorm: one root mean square (no mean) per "
            + (statsShape_.empty() ? std::string("tensor") : std::string("leading index")) + ", over " + over;
    }
    return {};
}

} // namespace normscope
