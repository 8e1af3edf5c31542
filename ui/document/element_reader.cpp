// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/element_reader.h"

#include "engine/core/stats_layout.h"
#include "engine/kernels/element_values.h"

#include <utility>

namespace normscope::ui {

namespace {

template <typename T>
class TypedElementReader final : public ElementReader {
public:
    TypedElementReader(const NormSpec& spec, std::shared_ptr<const AnyTensor> x, ForwardResult<T> statistics,
                       const NormState<T>& state)
        : spec_(spec),
          x_(std::move(x)),
          values_(std::get<Tensor<T>>(*x_)),
          layout_(spec, values_.shape()),
          statistics_(std::move(statistics)),
          weight_(spec.affine ? state.weight : Tensor<T>()),
          bias_(spec.hasBias() ? state.bias : Tensor<T>())
    {
        statistics_.output = Tensor<T>(); // the run's y lives elsewhere, or nowhere
    }

    double normalized(std::int64_t i) const override
    {
        return static_cast<double>(normalizedElement(layout_, values_.data(), statistics_, i));
    }

    double output(std::int64_t i) const override
    {
        return static_cast<double>(outputElement(layout_, values_.data(), weight_.empty() ? nullptr : weight_.data(),
                                                 bias_.empty() ? nullptr : bias_.data(), statistics_, i));
    }

    AnyTensor normalizedTensor() const override { return normalizedInput(spec_, values_, statistics_); }

    AnyTensor outputTensor() const override
    {
        Tensor<T> y(values_.shape());
        const T* gamma = weight_.empty() ? nullptr : weight_.data();
        const T* beta = bias_.empty() ? nullptr : bias_.data();
        for (std::int64_t i = 0; i < y.numel(); ++i)
            y[i] = outputElement(layout_, values_.data(), gamma, beta, statistics_, i);
        return y;
    }

private:
    NormSpec spec_;
    std::shared_ptr<const AnyTensor> x_;
    const Tensor<T>& values_;
    StatsLayout layout_;
    ForwardResult<T> statistics_;
    Tensor<T> weight_, bias_;
};

} // namespace

template <typename T>
std::shared_ptr<const ElementReader> ElementReader::of(const NormSpec& spec, std::shared_ptr<const AnyTensor> x,
                                                       ForwardResult<T> statistics, const NormState<T>& state)
{
    return std::make_shared<TypedElementReader<T>>(spec, std::move(x), std::move(statistics), state);
}

template std::shared_ptr<const ElementReader> ElementReader::of<float>(const NormSpec&,
                                                                       std::shared_ptr<const AnyTensor>,
                                                                       ForwardResult<float>, const NormState<float>&);
template std::shared_ptr<const ElementReader> ElementReader::of<double>(const NormSpec&,
                                                                        std::shared_ptr<const AnyTensor>,
                                                                        ForwardResult<double>,
                                                                        const NormState<double>&);

} // namespace normscope::ui
