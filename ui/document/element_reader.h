// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/norm_spec.h"
#include "engine/core/norm_state.h"
#include "engine/core/tensor.h"
#include "engine/kernels/forward.h"

#include <cstdint>
#include <memory>

namespace normscope::ui {

/**
 * x-hat and y of single elements of one engine run, computed where they are shown (a hovered cell,
 * the cube's drawn cells, the printed corners of a tensor) with the engine's element functions
 * (engine/kernels/element_values.h): the same bits the kernels write, without a stored x-hat, and
 * without a stored y where nothing reads all of it (the compare view's columns).
 */
class ElementReader {
public:
    virtual ~ElementReader() = default;
    virtual double normalized(std::int64_t i) const = 0;
    virtual double output(std::int64_t i) const = 0;
    /// The whole x-hat in the run's dtype, for exports.
    virtual AnyTensor normalizedTensor() const = 0;
    /// The whole y in the run's dtype, for a result that kept none (a compare column) when a table
    /// or an export asks for all of it.
    virtual AnyTensor outputTensor() const = 0;

    /// A reader for the run of spec on x (which it keeps alive) that gave `statistics` (its output
    /// is not read: move it elsewhere first) with state's gamma and beta.
    template <typename T>
    static std::shared_ptr<const ElementReader> of(const NormSpec& spec, std::shared_ptr<const AnyTensor> x,
                                                   ForwardResult<T> statistics, const NormState<T>& state);
};

} // namespace normscope::ui
