// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/panels/pytorch_code_panel.h"

#include "ui/document/document.h"
#include "ui/document/shown_follower.h"
#include "ui/document/number_text.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace normscope::ui {

namespace {

QString shapeTuple(const Shape& shape)
{
    return QString::fromStdString(toString(shape)); // Python's tuple: "(4, 6, 5, 5)", "(5,)"
}

// normalized_shape as a constructor argument: an int for one dim, else a list.
QString normalizedShapeArg(const Shape& shape)
{
    if (shape.size() == 1)
        return QString::number(shape.front());
    return QString::fromStdString(toListString(shape));
}

// dim= argument of a reduction over these axes: "0", "(0, 2, 3)", "(-2, -1)".
QString dimArg(const std::vector<int>& axes)
{
    if (axes.size() == 1)
        return QString::number(axes.front());
    QStringList parts;
    for (int a : axes)
        parts << QString::number(a);
    return QLatin1Char('(') + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
}

// A module argument (eps, momentum): PyTorch keeps it as a Python float, a double in every dtype.
QString pythonFloat(double value)
{
    return pythonFloatText(value, DType::Float64);
}

// torch.tensor([...]) holding t's values in dtype, shaped with view() when t has several dims.
// Without dtype=torch.float64 torch would round a float64 tensor's literals to float32.
QString tensorLiteral(const Tensor<double>& t, DType dtype)
{
    QStringList parts;
    for (double v : t.values())
        parts << pythonFloatText(v, dtype);
    QString literal = QStringLiteral("torch.tensor([") + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    if (dtype == DType::Float64)
        literal += QStringLiteral(", dtype=torch.float64");
    literal += QLatin1Char(')');
    if (t.rank() > 1) {
        QStringList dims;
        for (std::int64_t d : t.shape())
            dims << QString::number(d);
        literal += QStringLiteral(".view(") + dims.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    return literal;
}

bool allEqual(const Tensor<double>& t, double value)
{
    for (double v : t.values())
        if (v != value)
            return false;
    return true;
}

QString variableName(NormKind kind)
{
    switch (kind) {
    case NormKind::Batch: return QStringLiteral("bn");
    case NormKind::Layer: return QStringLiteral("ln");
    case NormKind::Instance: return QStringLiteral("inorm");
    case NormKind::Group: return QStringLiteral("gn");
    case NormKind::Rms: return QStringLiteral("rms");
    }
    return QStringLiteral("norm");
}

QString epsArg(const NormSpec& spec)
{
    return spec.eps ? pythonFloat(*spec.eps) : QStringLiteral("None");
}

QString constructor(const ResultSnapshot& r)
{
    const NormSpec& s = r.spec;
    const NormTraits& t = s.traits();
    const int rank = int(r.shape.size());
    const QString module = QStringLiteral("nn.") + QString::fromStdString(moduleName(s.kind, rank));
    const QString C = QString::number(rank > 1 ? r.shape[1] : (rank == 1 ? r.shape[0] : 1));
    const auto pythonBool = [](bool b) { return b ? QStringLiteral("True") : QStringLiteral("False"); };
    // The constructor's arguments in PyTorch's order: (num_groups, num_channels), normalized_shape
    // or num_features, then eps, momentum, affine, track_running_stats where the module takes them.
    QStringList args;
    if (t.takesNumGroups)
        args << QString::number(s.num_groups) << C;
    else if (t.takesNormalizedShape)
        args << normalizedShapeArg(s.normalized_shape);
    else
        args << C;
    args << QStringLiteral("eps=") + epsArg(s);
    if (t.takesRunningStats)
        args << QStringLiteral("momentum=") + (s.momentum ? pythonFloat(*s.momentum) : QStringLiteral("None"));
    args << QString::fromUtf8(t.affineArgument) + QLatin1Char('=') + pythonBool(s.affine);
    if (t.takesRunningStats)
        args << QStringLiteral("track_running_stats=") + pythonBool(s.track_running_stats);
    if (r.dtype == DType::Float64)
        args << QStringLiteral("dtype=torch.float64");
    return module + QLatin1Char('(') + args.join(QStringLiteral(", ")) + QLatin1Char(')');
}

// "1, -1, 1, 1" for view(): a per-channel vector broadcast over an input of this rank.
QString channelView(int rank)
{
    QString v = QStringLiteral("1, -1");
    for (int a = 2; a < rank; ++a)
        v += QStringLiteral(", 1");
    return v;
}

// [..., None, None]: per-(n, c) statistics broadcast over the spatial dims.
QString spatialNones(int rank)
{
    QString v = QStringLiteral("[...");
    for (int a = 2; a < rank; ++a)
        v += QStringLiteral(", None");
    return v + QLatin1Char(']');
}

// The module's computation written as torch calls on x, ending in y_ref == y.
QStringList computationLines(const ResultSnapshot& r, const QString& var)
{
    const NormSpec& s = r.spec;
    const int rank = int(r.shape.size());
    const QString eps = s.eps ? pythonFloat(*s.eps) : QStringLiteral("torch.finfo(x.dtype).eps");
    const QString view = channelView(rank);
    const std::vector<int> axes = r.layout ? r.layout->reducedAxes() : std::vector<int>{};
    QStringList lines;
    auto perChannelAffine = [&] {
        if (s.affine)
            lines << QStringLiteral("y_ref = y_ref * %1.weight.view(%2) + %1.bias.view(%2)").arg(var, view);
    };

    if (!s.usesInputStats()) {
        // Eval with tracked statistics: the buffers, one per channel, whatever x holds.
        lines << QStringLiteral("mean, var = %1.running_mean, %1.running_var  # eval: the buffers, not x").arg(var)
              << QStringLiteral("y_ref = (x - mean.view(%1)) / torch.sqrt(var.view(%1) + %2)").arg(view, eps);
        perChannelAffine();
        return lines;
    }
    switch (s.kind) {
    case NormKind::Batch:
        lines << QStringLiteral("mean = x.mean(dim=%1)  # one per channel").arg(dimArg(axes))
              << QStringLiteral("var = x.var(dim=%1, unbiased=False)").arg(dimArg(axes))
              << QStringLiteral("y_ref = (x - mean.view(%1)) / torch.sqrt(var.view(%1) + %2)").arg(view, eps);
        perChannelAffine();
        break;
    case NormKind::Instance:
        lines << QStringLiteral("mean = x.mean(dim=%1)  # one per (n, c)").arg(dimArg(axes))
              << QStringLiteral("var = x.var(dim=%1, unbiased=False)").arg(dimArg(axes))
              << QStringLiteral("y_ref = (x - mean%1) / torch.sqrt(var%1 + %2)").arg(spatialNones(rank), eps);
        perChannelAffine();
        break;
    case NormKind::Group:
        lines << QStringLiteral("xg = x.reshape(%1, %2, -1)  # (N, G, C/G * spatial)")
                     .arg(rank > 0 ? r.shape[0] : 1)
                     .arg(s.num_groups)
              << QStringLiteral("mean = xg.mean(dim=-1, keepdim=True)  # one per (n, g)")
              << QStringLiteral("var = xg.var(dim=-1, keepdim=True, unbiased=False)")
              << QStringLiteral("y_ref = ((xg - mean) / torch.sqrt(var + %1)).view(x.shape)").arg(eps);
        perChannelAffine();
        break;
    case NormKind::Layer:
    case NormKind::Rms: {
        std::vector<int> negative;
        for (int k = int(s.normalized_shape.size()); k >= 1; --k)
            negative.push_back(-k);
        if (s.subtractsMean()) {
            lines << QStringLiteral("mean = x.mean(dim=%1, keepdim=True)").arg(dimArg(negative))
                  << QStringLiteral("var = x.var(dim=%1, keepdim=True, unbiased=False)").arg(dimArg(negative))
                  << QStringLiteral("y_ref = (x - mean) / torch.sqrt(var + %1)").arg(eps);
            if (s.affine)
                lines << QStringLiteral("y_ref = y_ref * %1.weight + %1.bias").arg(var);
        } else {
            lines << QStringLiteral("ms = x.pow(2).mean(dim=%1, keepdim=True)  # no mean is subtracted")
                         .arg(dimArg(negative))
                  << QStringLiteral("y_ref = x * torch.rsqrt(ms + %1)").arg(eps);
            if (s.affine)
                lines << QStringLiteral("y_ref = y_ref * %1.weight").arg(var);
        }
        break;
    }
    }
    return lines;
}

/// y.backward(dL/dy) for the gradient view: all ones and one-hot gradients written as such (from the
/// choice the result carries, not a scan of millions of values on every change), any other as its values.
template <typename TensorExpression>
QStringList backwardLines(const ResultSnapshot& r, const QString& var, TensorExpression& tensorExpression)
{
    QStringList lines;
    const ResultTensor& g = r.grad_output;
    if (r.gradient.kind == GradKind::Ones) {
        lines << QStringLiteral("g = torch.ones_like(y)  # dL/dy: L = y.sum()");
    } else if (r.gradient.kind == GradKind::OneHot) {
        std::int64_t flat = r.gradient.index;
        QStringList index;
        for (std::size_t k = r.shape.size(); k-- > 0;) {
            index.prepend(QString::number(flat % r.shape[k]));
            flat /= r.shape[k];
        }
        lines << QStringLiteral("g = torch.zeros_like(y)  # dL/dy one-hot: L = y[%1]")
                     .arg(index.join(QStringLiteral(", ")))
              << QStringLiteral("g[%1] = 1").arg(index.join(QStringLiteral(", ")));
    } else {
        lines << QStringLiteral("g = ") + tensorExpression(g, QStringLiteral("grad_output"))
                + QStringLiteral("  # dL/dy");
    }
    lines << QStringLiteral("y.backward(g)");
    QString grads = QStringLiteral("# x.grad is dL/dx");
    if (r.grad_weight.numel() > 0)
        grads += QStringLiteral(", %1.weight.grad dL/dgamma").arg(var);
    if (r.grad_bias.numel() > 0)
        grads += QStringLiteral(", %1.bias.grad dL/dbeta").arg(var);
    lines << grads + QStringLiteral(" (the window's grad_input, grad_weight, grad_bias)");
    return lines;
}

} // namespace

PyTorchCode PyTorchCodePanel::codeFor(const ResultSnapshot& r, const QString& baseName)
{
    const NormSpec& s = r.spec;
    const QString var = variableName(s.kind);
    PyTorchCode code;
    // A tensor as a literal when short enough to read, else from a .npy file written beside the code.
    // An input-sized tensor goes to its file shared, not copied; a small one in the run's dtype.
    auto tensorExpression = [&](const auto& t, const QString& name) {
        using Values = std::decay_t<decltype(t)>;
        if (t.numel() <= kMaxListedValues) {
            if constexpr (std::is_same_v<Values, ResultTensor>)
                return tensorLiteral(t.widened(), r.dtype);
            else
                return tensorLiteral(t, r.dtype);
        }
        const QString file = baseName + QLatin1Char('_') + name + QStringLiteral(".npy");
        if constexpr (std::is_same_v<Values, ResultTensor>)
            code.sideFiles.push_back({file, t.tensor()});
        else
            code.sideFiles.push_back(
                {file,
                 std::make_shared<const AnyTensor>(r.dtype == DType::Float32 ? AnyTensor(t.template cast<float>())
                                                                             : AnyTensor(t))});
        return QStringLiteral("torch.from_numpy(np.load(os.path.join(here, \"%1\")))").arg(file);
    };

    QStringList body;
    if (!r.error.empty()) {
        body << (r.errorByPyTorch ? QStringLiteral("# PyTorch refuses this:")
                                  : QStringLiteral("# NormScope refuses this (its own limit; PyTorch may accept it):"));
        for (const QString& line : QString::fromStdString(r.error).split(QLatin1Char('\n')))
            body << QStringLiteral("#   ") + line;
    }
    if (const char* since = s.traits().sinceTorch)
        body << QStringLiteral("# nn.%1 needs torch >= %2")
                    .arg(QString::fromUtf8(s.traits().displayName), QString::fromUtf8(since));
    body << QStringLiteral("x = ") + tensorExpression(r.input, QStringLiteral("x"));
    if (r.hasGradient())
        body << QStringLiteral("x.requires_grad_(True)  # the gradient view: dL/dx lands in x.grad");
    body << var + QStringLiteral(" = ") + constructor(r);

    // Parameters and buffers that differ from a fresh module. The running statistics are the ones
    // this pass starts from; the call below moves them in training mode.
    QStringList state;
    auto setIfChanged = [&](const Tensor<double>& t, const QString& name, double fresh) {
        if (t.empty() || allEqual(t, fresh))
            return;
        state << QStringLiteral("    %1.%2.copy_(%3)").arg(var, name, tensorExpression(t, name));
    };
    if (s.affine) {
        setIfChanged(r.weight, QStringLiteral("weight"), 1.0);
        setIfChanged(r.bias, QStringLiteral("bias"), 0.0);
    }
    const std::int64_t before = r.num_batches_tracked_before;
    if (s.hasRunningStats()) {
        setIfChanged(r.running_mean_before, QStringLiteral("running_mean"), 0.0);
        setIfChanged(r.running_var_before, QStringLiteral("running_var"), 1.0);
        if (before != 0)
            state << QStringLiteral("    %1.num_batches_tracked.fill_(%2)").arg(var).arg(before);
    }
    if (!state.isEmpty())
        body << QStringLiteral("with torch.no_grad():") << state;
    if (s.hasRunningStats())
        body << QStringLiteral("# running statistics before this pass: %1 training step%2 (num_batches_tracked == %1)")
                    .arg(before)
                    .arg(before == 1 ? QString() : QStringLiteral("s"));

    if (s.traits().takesRunningStats) // the mode changes nothing for the other modules
        body << (s.mode == Mode::Training
                     ? var + QStringLiteral(".train()  # statistics of x; updates running stats if tracked")
                     : var + QStringLiteral(".eval()"));
    QString call = QStringLiteral("y = %1(x)  # x.shape == %2").arg(var, shapeTuple(r.shape));
    if (r.dtype == DType::Float64)
        call += QStringLiteral(", x.dtype == torch.float64");
    body << call;
    if (s.updatesRunningStats())
        body << QStringLiteral("# after this pass: num_batches_tracked == %1, running_mean/var as the table shows them")
                    .arg(r.num_batches_tracked);
    else if (s.hasRunningStats())
        body << QStringLiteral("# eval: the running statistics after this pass are the ones before it");

    if (r.hasGradient())
        body << backwardLines(r, var, tensorExpression);

    if (r.error.empty()) {
        body << QString() << QStringLiteral("# what it computes (y_ref equals y up to rounding):");
        body << computationLines(r, var);
    }

    QStringList lines;
    if (!code.sideFiles.empty())
        lines << QStringLiteral("import os") << QStringLiteral("import numpy as np");
    lines << QStringLiteral("import torch") << QStringLiteral("from torch import nn") << QString();
    if (!code.sideFiles.empty()) {
        QStringList names;
        for (const PyTorchCode::SideFile& f : code.sideFiles)
            names << f.fileName;
        lines << QStringLiteral("# Too many values to list: %1 beside this file (File > Export > PyTorch code... "
                                "writes them)")
                     .arg(names.join(QStringLiteral(", ")))
              << QStringLiteral("here = os.path.dirname(os.path.abspath(__file__)) if \"__file__\" in globals() "
                                "else os.getcwd()");
    }
    code.text = (lines + body).join(QLatin1Char('\n')) + QLatin1Char('\n');
    return code;
}

PyTorchCodePanel::PyTorchCodePanel(QWidget* parent)
    : QWidget(parent),
      text_(new QPlainTextEdit(this)),
      copy_(new QPushButton(tr("Copy"), this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* header = new QHBoxLayout;
    auto* label = new QLabel(tr("Equivalent PyTorch code"), this);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    header->addWidget(label);
    header->addStretch();
    header->addWidget(copy_);
    layout->addLayout(header);
    layout->addWidget(text_);

    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(std::max(mono.pointSizeF(), 10.0) + 1);
    text_->setFont(mono);
    text_->setReadOnly(true);
    text_->setLineWrapMode(QPlainTextEdit::NoWrap);
    text_->setPlaceholderText(tr("No result yet"));
    text_->setObjectName(QStringLiteral("pytorchCode"));
    copy_->setObjectName(QStringLiteral("copyButton"));
    copy_->setToolTip(tr("Copy the code to the clipboard"));
    connect(copy_, &QPushButton::clicked, this, &PyTorchCodePanel::copyCode);
    copy_->setEnabled(false);
}

void PyTorchCodePanel::observe(Document* document)
{
    ShownFollower::follow(
        document, this, [this] { return isVisible(); }, [this](ResultPtr r) { setResult(std::move(r)); });
}

void PyTorchCodePanel::setResult(ResultPtr result)
{
    result_ = std::move(result);
    code_ = result_ ? codeFor(*result_).text : QString();
    if (text_->toPlainText() != code_)
        text_->setPlainText(code_);
    copy_->setEnabled(!code_.isEmpty());
}

void PyTorchCodePanel::copyCode()
{
    QGuiApplication::clipboard()->setText(code_);
}

} // namespace normscope::ui
