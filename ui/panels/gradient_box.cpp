// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/panels/gradient_box.h"

#include "engine/core/error.h"
#include "engine/io/npy.h"
#include "ui/document/document.h"
#include "ui/panels/exact_spin_box.h"
#include "ui/panels/set_if_changed.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStringList>

#include <algorithm>
#include <utility>
#include <vector>

namespace normscope::ui {

namespace {

// The combo's items, in order.
constexpr GradKind kKinds[] = {GradKind::None, GradKind::OneHot, GradKind::Ones, GradKind::Random, GradKind::File};

int indexOf(GradKind kind)
{
    for (int i = 0; i < 5; ++i)
        if (kKinds[i] == kind)
            return i;
    return 0;
}

/// "n, c, h, w" of a flat index, as --select takes it.
QString coordinates(std::int64_t flat, const Shape& shape)
{
    QStringList parts;
    for (std::size_t k = shape.size(); k-- > 0;) {
        parts.prepend(QString::number(shape[k] > 0 ? flat % shape[k] : 0));
        flat = shape[k] > 0 ? flat / shape[k] : 0;
    }
    return parts.join(QStringLiteral(","));
}

} // namespace

GradientBox::GradientBox(Document* document, QWidget* parent)
    : QGroupBox(parent),
      document_(document),
      kind_(new QComboBox(this)),
      seed_(new ExactSpinBox(this)),
      seedLabel_(new QLabel(this)),
      file_(new QPushButton(this)),
      note_(new QLabel(this))
{
    setObjectName(QStringLiteral("gradientBox"));
    kind_->setObjectName(QStringLiteral("gradientCombo"));
    seed_->setObjectName(QStringLiteral("gradientSeedSpin"));
    seed_->setIntegral(true);
    seed_->setRange(0.0, static_cast<double>(kMaxSeed));
    seed_->setSingleStep(1.0);
    seed_->setKeyboardTracking(false);
    note_->setWordWrap(true);
    auto* form = new QFormLayout(this);
    form->addRow(kind_);
    form->addRow(seedLabel_, seed_);
    form->addRow(file_);
    form->addRow(note_);
    connect(kind_, &QComboBox::activated, this, &GradientBox::apply);
    connect(seed_, &QDoubleSpinBox::valueChanged, this, [this] { apply(indexOf(GradKind::Random)); });
    connect(file_, &QPushButton::clicked, this, &GradientBox::loadFile);
    connect(document_, &Document::experimentChanged, this, &GradientBox::refresh);
    refresh();
}

void GradientBox::changeEvent(QEvent* event)
{
    QGroupBox::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        refresh();
}

void GradientBox::setSelectedCell(std::int64_t flatIndex)
{
    selected_ = flatIndex;
    const UpstreamGradient& g = document_->experiment().gradient;
    if (g.kind == GradKind::OneHot && flatIndex >= 0 && flatIndex != g.index)
        apply(indexOf(GradKind::OneHot));
}

void GradientBox::apply(int comboIndex)
{
    const GradKind kind = kKinds[std::clamp(comboIndex, 0, 4)];
    if (kind == GradKind::File) {
        loadFile();
        return;
    }
    UpstreamGradient g;
    g.kind = kind;
    g.index = std::max<std::int64_t>(selected_, 0);
    g.seed = static_cast<std::uint64_t>(seed_->value());
    if (g == document_->experiment().gradient) {
        refresh();
        return;
    }
    document_->edit(tr("Gradient dL/dy: %1").arg(kind_->itemText(comboIndex)), [g](Experiment& e) {
        e.gradient = g;
        e.conform();
    });
}

void GradientBox::loadFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load dL/dy"), QString(), tr("NumPy arrays (*.npy)"));
    if (path.isEmpty()) {
        refresh();
        return;
    }
    try {
        auto loaded = std::make_shared<const AnyTensor>(readNpy(path.toStdString()));
        const Shape& input = document_->experiment().shape;
        if (shapeOf(*loaded) != input)
            throw Error("'" + path.toStdString() + "' has shape " + toString(shapeOf(*loaded))
                        + " but the input has shape " + toString(input) + "; they must be equal");
        UpstreamGradient g;
        g.kind = GradKind::File;
        g.loaded = std::move(loaded);
        g.loadedPath = path.toStdString();
        document_->edit(tr("Gradient dL/dy from %1").arg(QFileInfo(path).fileName()),
                        [g](Experiment& e) { e.gradient = g; });
    } catch (const Error& err) {
        QMessageBox::warning(this, tr("Load dL/dy"), QString::fromStdString(err.what()));
        refresh();
    }
}

void GradientBox::refresh()
{
    const QSignalBlocker blockKind(kind_);
    const QSignalBlocker blockSeed(seed_);
    setTitle(tr("Gradient dL/dy (backward)"));
    // Every edit of the document comes here; the items (new texts after a language change) and the
    // values are set only where they differ, since Qt's setters repaint even then.
    std::vector<std::pair<QString, QVariant>> items;
    for (const QString& text : {tr("off"), tr("one-hot at the selected cell"), tr("all ones (L = sum(y))"),
                                tr("random N(0, 1)"), tr("from an .npy file")})
        items.emplace_back(text, QVariant());
    const int current = kind_->currentIndex();
    set_if_changed::items(kind_, items);
    set_if_changed::currentIndex(kind_, current);
    kind_->setToolTip(tr("The upstream gradient dL/dy of the backward pass; colour the cube by dL/dx to see "
                         "where it goes"));
    seedLabel_->setText(tr("seed"));
    file_->setText(tr("Load dL/dy..."));

    const UpstreamGradient& g = document_->experiment().gradient;
    set_if_changed::currentIndex(kind_, indexOf(g.kind));
    set_if_changed::value(seed_, static_cast<double>(g.seed));
    seed_->setVisible(g.kind == GradKind::Random);
    seedLabel_->setVisible(g.kind == GradKind::Random);
    file_->setVisible(g.kind == GradKind::File);
    QString note;
    switch (g.kind) {
    case GradKind::None: note = tr("No backward pass."); break;
    case GradKind::OneHot:
        note = tr("L = y at (%1); click a cell to move it.").arg(coordinates(g.index, document_->experiment().shape));
        break;
    case GradKind::Ones: note = tr("L = sum(y): every dL/dy is 1."); break;
    case GradKind::Random: note = tr("dL/dy ~ N(0, 1) drawn from the seed."); break;
    case GradKind::File: note = tr("From %1").arg(QFileInfo(QString::fromStdString(g.loadedPath)).fileName()); break;
    }
    note_->setText(note);
}

} // namespace normscope::ui
