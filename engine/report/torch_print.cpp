// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/report/torch_print.h"

#include "engine/core/number_format.h"

#include <algorithm>
#include <cmath>

namespace normscope {

namespace {

/// torch's _Formatter: one width and one mode for every element, from the shown values.
class Formatter {
public:
    Formatter(const std::vector<double>& shown, int precision) : precision_(precision)
    {
        std::vector<double> nonzeroFinite;
        for (double v : shown)
            if (std::isfinite(v) && v != 0.0)
                nonzeroFinite.push_back(v);
        if (nonzeroFinite.empty())
            return;
        double minAbs = std::abs(nonzeroFinite.front());
        double maxAbs = minAbs;
        for (double v : nonzeroFinite) {
            minAbs = std::min(minAbs, std::abs(v));
            maxAbs = std::max(maxAbs, std::abs(v));
            intMode_ = intMode_ && v == std::ceil(v);
        }
        const bool wide = maxAbs / minAbs > 1000.0 || maxAbs > 1.0e8;
        sciMode_ = intMode_ ? wide : wide || minAbs < 1.0e-4;
        for (double v : nonzeroFinite) {
            std::size_t length = 0;
            if (sciMode_)
                length = formatScientific(v, precision_).size();
            else if (intMode_)
                length = formatFixed(v, 0).size() + 1;
            else
                length = formatFixed(v, precision_).size();
            width_ = std::max(width_, length);
        }
    }

    std::size_t width() const { return width_; }

    std::string format(double v) const
    {
        std::string text;
        if (sciMode_) {
            text = formatScientific(v, precision_);
        } else if (intMode_) {
            text = formatFixed(v, 0);
            if (std::isfinite(v))
                text += '.';
        } else {
            text = formatFixed(v, precision_);
        }
        if (text.size() < width_)
            text.insert(0, width_ - text.size(), ' ');
        return text;
    }

private:
    int precision_;
    bool intMode_ = true;
    bool sciMode_ = false;
    std::size_t width_ = 1;
};

/// Writes the nested lists as _tensor_str_with_formatter does, straight into one string.
class Printer {
public:
    Printer(const ElementAt& values, const Shape& shape, const TorchPrintOptions& options, TorchPrint& out)
        : values_(values),
          shape_(shape),
          options_(options),
          out_(out)
    {
        summarize_ = numel(shape) > options.threshold;
        strides_.assign(shape.size(), 1);
        for (std::size_t d = shape.size(); d-- > 1;)
            strides_[d - 1] = strides_[d] * shape[d];
    }

    /// The indices of dimension d that are printed; -1 stands for the elision.
    std::vector<std::int64_t> shownIndices(std::size_t d) const
    {
        const std::int64_t size = shape_[d];
        const std::int64_t edge = options_.edgeitems;
        std::vector<std::int64_t> indices;
        if (summarize_ && size > 2 * edge) {
            for (std::int64_t i = 0; i < edge; ++i)
                indices.push_back(i);
            indices.push_back(-1);
            for (std::int64_t i = size - edge; i < size; ++i)
                indices.push_back(i);
        } else {
            for (std::int64_t i = 0; i < size; ++i)
                indices.push_back(i);
        }
        return indices;
    }

    /// get_summarized_data: the values the formatter sees.
    void collectShown(std::size_t d, std::int64_t base, std::vector<double>& shown) const
    {
        for (std::int64_t i : shownIndices(d)) {
            if (i < 0)
                continue;
            if (d + 1 == shape_.size())
                shown.push_back(values_(base + i));
            else
                collectShown(d + 1, base + i * strides_[d], shown);
        }
    }

    void write(std::size_t d, std::int64_t base, std::size_t indent, const Formatter& formatter)
    {
        std::string& text = out_.text;
        const std::vector<std::int64_t> indices = shownIndices(d);
        text += '[';
        if (d + 1 == shape_.size()) {
            const std::size_t elementLength = formatter.width() + 2;
            const double room = static_cast<double>(options_.linewidth) - static_cast<double>(indent);
            const std::size_t perLine =
                std::max<std::size_t>(1, static_cast<std::size_t>(std::max(0.0, std::floor(room / elementLength))));
            for (std::size_t k = 0; k < indices.size(); ++k) {
                if (k > 0)
                    text += k % perLine == 0 ? ",\n" + std::string(indent + 1, ' ') : std::string(", ");
                if (indices[k] < 0) {
                    text += " ...";
                    continue;
                }
                const std::int64_t flat = base + indices[k];
                const std::string item = formatter.format(values_(flat));
                out_.elements.push_back({flat, text.size(), item.size()});
                text += item;
            }
        } else {
            const std::string separator = "," + std::string(shape_.size() - d - 1, '\n') + std::string(indent + 1, ' ');
            for (std::size_t k = 0; k < indices.size(); ++k) {
                if (k > 0)
                    text += separator;
                if (indices[k] < 0)
                    text += "...";
                else
                    write(d + 1, base + indices[k] * strides_[d], indent + 1, formatter);
            }
        }
        text += ']';
    }

private:
    const ElementAt& values_;
    const Shape& shape_;
    const TorchPrintOptions& options_;
    TorchPrint& out_;
    bool summarize_ = false;
    std::vector<std::int64_t> strides_;
};

std::string pythonTuple(const Shape& shape)
{
    std::string text = "(";
    for (std::size_t d = 0; d < shape.size(); ++d)
        text += (d > 0 ? ", " : "") + std::to_string(shape[d]);
    return text + (shape.size() == 1 ? ",)" : ")");
}

} // namespace

TorchPrint torchPrint(const double* values, const Shape& shape, DType dtype, const TorchPrintOptions& options)
{
    return torchPrint([values](std::int64_t i) { return values[i]; }, shape, dtype, options);
}

TorchPrint torchPrint(const ElementAt& values, const Shape& shape, DType dtype, const TorchPrintOptions& options)
{
    const std::string prefix = "tensor(";
    const std::size_t indent = prefix.size();
    TorchPrint out;
    out.text = prefix;
    std::vector<std::string> suffixes;
    const std::int64_t count = numel(shape);
    if (count == 0) {
        out.text += "[]";
        if (shape.size() != 1)
            suffixes.push_back("size=" + pythonTuple(shape));
    } else if (shape.empty()) {
        const Formatter formatter({values(0)}, options.precision);
        const std::string item = formatter.format(values(0));
        out.elements.push_back({0, out.text.size(), item.size()});
        out.text += item;
    } else {
        Printer printer(values, shape, options, out);
        std::vector<double> shown;
        printer.collectShown(0, 0, shown);
        printer.write(0, 0, indent, Formatter(shown, options.precision));
    }
    if (dtype == DType::Float64)
        suffixes.push_back("dtype=torch.float64");
    // _add_suffixes: its off-by-two line length included.
    const std::size_t newline = out.text.rfind('\n');
    std::size_t lastLineLength = newline == std::string::npos ? out.text.size() + 2 : out.text.size() - newline + 1;
    for (const std::string& suffix : suffixes) {
        if (lastLineLength + suffix.size() + 2 > static_cast<std::size_t>(options.linewidth)) {
            out.text += ",\n" + std::string(indent, ' ') + suffix;
            lastLineLength = indent + suffix.size();
        } else {
            out.text += ", " + suffix;
            lastLineLength += suffix.size() + 2;
        }
    }
    out.text += ')';
    return out;
}

std::string torchRepr(const Tensor<double>& tensor, DType dtype, const TorchPrintOptions& options)
{
    return torchPrint(tensor.data(), tensor.shape(), dtype, options).text;
}

} // namespace normscope
