// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "app/cli/pass_arrays.h"

namespace normscope {

template <typename T>
std::vector<NpzArray> passArrays(const NormSpec& spec, const ForwardResult<T>& result, const NormState<T>& state,
                                 const BackwardResult<T>* gradients)
{
    std::vector<NpzArray> arrays{npzArray("y", result.output)};
    if (spec.subtractsMean())
        arrays.push_back(npzArray("mean", result.mean));
    arrays.push_back(npzArray("var", result.var));
    arrays.push_back(npzArray("rstd", result.rstd));
    if (spec.hasRunningStats()) {
        arrays.push_back(npzArray("running_mean", state.running_mean));
        arrays.push_back(npzArray("running_var", state.running_var));
        arrays.push_back(npzScalar("num_batches_tracked", state.num_batches_tracked));
    }
    if (gradients) {
        arrays.push_back(npzArray("grad_input", gradients->grad_input));
        if (spec.affine)
            arrays.push_back(npzArray("grad_weight", gradients->grad_weight));
        if (spec.hasBias())
            arrays.push_back(npzArray("grad_bias", gradients->grad_bias));
    }
    return arrays;
}

template std::vector<NpzArray> passArrays<float>(const NormSpec&, const ForwardResult<float>&, const NormState<float>&,
                                                 const BackwardResult<float>*);
template std::vector<NpzArray> passArrays<double>(const NormSpec&, const ForwardResult<double>&,
                                                  const NormState<double>&, const BackwardResult<double>*);

} // namespace normscope
