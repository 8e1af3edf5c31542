// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/norm_traits.h"
#include "engine/core/shape.h"
#include "engine/core/tensor.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace normscope {

/// The module's mode, as set by PyTorch's `module.train()` / `module.eval()`.
enum class Mode { Training, Eval };

/// The arguments of PyTorch's norm module constructors plus the module's mode. For Layer and Rms,
/// `affine` is PyTorch's `elementwise_affine`.
struct NormSpec {
    NormKind kind = NormKind::Batch;
    std::int64_t num_groups = 1;          ///< GroupNorm only
    Shape normalized_shape;               ///< LayerNorm and RMSNorm only
    std::optional<double> eps = 1e-5;     ///< nullopt: the dtype's machine epsilon (RMSNorm's eps=None)
    std::optional<double> momentum = 0.1; ///< nullopt: cumulative moving average (BatchNorm's momentum=None)
    bool affine = true;
    bool track_running_stats = true; ///< BatchNorm and InstanceNorm only
    Mode mode = Mode::Training;

    /// PyTorch's defaults for the module of this kind (NormTraits: InstanceNorm has affine and
    /// tracking off, RMSNorm eps None; only BatchNorm tracks by default).
    static NormSpec defaults(NormKind kind);

    const NormTraits& traits() const { return traitsOf(kind); }
    bool hasRunningStats() const { return traits().takesRunningStats && track_running_stats; }
    /// True when the statistics come from the input: training, or a module that tracks nothing.
    bool usesInputStats() const { return mode == Mode::Training || !hasRunningStats(); }
    /// True when a forward pass updates running_mean, running_var (and num_batches_tracked for batch).
    bool updatesRunningStats() const { return mode == Mode::Training && hasRunningStats(); }
    /// rstd is 0 where var and eps are both exactly 0 (ATen's batch_norm rule, NormTraits::batchNormKernel).
    bool zeroRstdForZeroVar() const { return usesInputStats() && traits().batchNormKernel; }
    bool subtractsMean() const { return traits().subtractsMean; }
    bool hasBias() const { return affine && traits().hasBias; }
    template <typename T>
    T effectiveEps() const
    {
        return eps ? static_cast<T>(*eps) : std::numeric_limits<T>::epsilon();
    }
};

const char* toString(Mode mode); ///< "training", "eval"

/// The module as PyTorch's repr would start it, for a label: its name for this input's rank, its
/// positional arguments, then only the keyword arguments that differ from PyTorch's defaults:
/// "GroupNorm(3, 6)", "LayerNorm([6, 5, 5], eps=0.5)", "BatchNorm2d(6, affine=False)". No mode.
std::string moduleSignature(const NormSpec& spec, const Shape& inputShape);

/// Refuses what PyTorch refuses (and eps that is not finite, NormScope's limit) for this input shape.
/// Throws Error with a message that names the values. Kernels assume a validated spec.
void validate(const NormSpec& spec, const Shape& inputShape);

/// The part of validate() that needs no input: what the module's constructor refuses (eps and
/// momentum values, eps=None and momentum=None where the kind takes no None, num_groups <= 0, an
/// empty normalized_shape). validate() runs it too.
void validateSpec(const NormSpec& spec);

/// Shapes of the module's parameters and buffers for this spec and input.
Shape affineShape(const NormSpec& spec, const Shape& inputShape); ///< (C,) or normalized_shape
Shape runningStatsShape(const Shape& inputShape);                 ///< (C,)

/// Throws Error unless `actual` equals `expected`; `what` names the array ("weight", "running_mean").
void checkParameterShape(const std::string& what, const Shape& actual, const Shape& expected);

} // namespace normscope
