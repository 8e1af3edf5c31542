// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <optional>
#include <string>

namespace normscope {

enum class NormKind { Batch, Layer, Instance, Group, Rms };

/**
 * What a norm kind is, as PyTorch's module for it defines it: which constructor arguments it takes,
 * their defaults, and its names. The one home of these rules: the spec, the option parser, the
 * window's controls and the PyTorch code panel ask here instead of testing the kind.
 */
struct NormTraits {
    NormKind kind;
    const char* cliName;     ///< the --norm value: "batch"
    const char* displayName; ///< "BatchNorm": PyTorch's module name without a rank suffix
    bool moduleByRank;       ///< the module is chosen by the input's rank: BatchNorm1d/2d/3d

    // Constructor arguments besides eps and affine, which every kind takes.
    // The first arguments are num_features = C, or (num_groups, num_channels), or normalized_shape.
    bool takesNumGroups;        ///< GroupNorm(num_groups, num_channels, ...)
    bool takesNormalizedShape;  ///< LayerNorm/RMSNorm(normalized_shape, ...); gamma, beta have that shape, else (C,)
    bool takesRunningStats;     ///< momentum and track_running_stats: the module can keep running_mean/var
    bool acceptsMomentumNone;   ///< momentum=None: a cumulative moving average (BatchNorm only)
    bool acceptsEpsNone;        ///< eps=None: the dtype's machine epsilon (RMSNorm only)
    const char* affineArgument; ///< "affine" or "elementwise_affine"

    // What the module computes and holds.
    bool hasBias;       ///< an affine module has beta as well as gamma (RMSNorm: gamma only)
    bool subtractsMean; ///< false: RMSNorm divides by the root mean square, subtracting nothing
    bool countsBatches; ///< a training pass advances num_batches_tracked (BatchNorm)
    /// ATen computes it with batch_norm (InstanceNorm reshapes to it), whose batch statistics take
    /// rstd = 0 where var and eps are both exactly 0, so y = beta there instead of 0/0.
    bool batchNormKernel;
    const char* sinceTorch; ///< the first torch release with the module; nullptr: long before 2.0

    // PyTorch's defaults.
    bool defaultAffine;            ///< InstanceNorm: affine=False
    bool defaultTrackRunningStats; ///< BatchNorm: True; InstanceNorm: False
    bool defaultEpsNone;           ///< RMSNorm: eps=None
};

/// Every kind, in the order of NormKind (and of the window's menus).
inline constexpr NormKind kNormKinds[] = {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group,
                                          NormKind::Rms};

// clang-format off
inline constexpr NormTraits kNormTraits[] = {
//   kind               cli         display         byRank groups shape  running mom=None eps=None affine argument      bias   mean   count  bnKern since    affine track  epsNone
    {NormKind::Batch,    "batch",    "BatchNorm",    true,  false, false, true,   true,    false,   "affine",             true,  true,  true,  true,  nullptr, true,  true,  false},
    {NormKind::Layer,    "layer",    "LayerNorm",    false, false, true,  false,  false,   false,   "elementwise_affine", true,  true,  false, false, nullptr, true,  false, false},
    {NormKind::Instance, "instance", "InstanceNorm", true,  false, false, true,   false,   false,   "affine",             true,  true,  false, true,  nullptr, false, false, false},
    {NormKind::Group,    "group",    "GroupNorm",    false, true,  false, false,  false,   false,   "affine",             true,  true,  false, false, nullptr, true,  false, false},
    {NormKind::Rms,      "rms",      "RMSNorm",      false, false, true,  false,  false,   true,    "elementwise_affine", false, false, false, false, "2.4",   true,  false, true},
};
// clang-format on

constexpr const NormTraits& traitsOf(NormKind kind)
{
    return kNormTraits[static_cast<int>(kind)];
}

static_assert(traitsOf(NormKind::Batch).kind == NormKind::Batch && traitsOf(NormKind::Layer).kind == NormKind::Layer
                  && traitsOf(NormKind::Instance).kind == NormKind::Instance
                  && traitsOf(NormKind::Group).kind == NormKind::Group && traitsOf(NormKind::Rms).kind == NormKind::Rms,
              "kNormTraits is indexed by NormKind");

const char* toString(NormKind kind);                            ///< the command-line name: "batch", "layer", ...
std::optional<NormKind> parseNormKind(const std::string& name); ///< from the command-line name

/// The PyTorch module of this kind for an input of this rank: "BatchNorm1d" (rank 2 and 3),
/// "BatchNorm2d" (4), "BatchNorm3d" (5), "InstanceNorm1d/2d/3d" (3/4/5), "LayerNorm", "GroupNorm"...
std::string moduleName(NormKind kind, int rank);

/// The command-line names joined for a message: "batch, layer, instance, group or rms".
std::string normKindChoices();

/// The display names of the kinds with a trait, for a message: "BatchNorm and InstanceNorm".
std::string displayNamesWhere(bool NormTraits::*trait);

} // namespace normscope
