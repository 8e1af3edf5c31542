// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/panels/controls_panel.h"

#include "engine/core/error.h"
#include "engine/core/norm_traits.h"
#include "engine/core/stats_layout.h"
#include "ui/panels/action_button.h"
#include "ui/panels/exact_spin_box.h"
#include "ui/panels/gamma_beta_editor.h"
#include "ui/panels/gradient_box.h"
#include "ui/panels/set_if_changed.h"
#include "ui/panels/wheel_guard.h"
#include "ui/document/app_options.h"
#include "ui/document/document.h"
#include "ui/document/number_text.h"
#include "ui/document/shape_presets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QVBoxLayout>

#include <cmath>
#include <memory>

namespace normscope::ui {

namespace {

/// The width that shows a combo box's widest item whole (its sizeHint follows only the first items
/// when they change under a QSignalBlocker, so it is measured here).
int widestItemWidth(const QComboBox* box)
{
    int text = 0;
    for (int i = 0; i < box->count(); ++i)
        text = std::max(text, box->fontMetrics().horizontalAdvance(box->itemText(i)));
    QStyleOptionComboBox option;
    option.initFrom(box);
    return box->style()
        ->sizeFromContents(QStyle::CT_ComboBox, &option, QSize(text, box->fontMetrics().height()), box)
        .width();
}

constexpr GeneratorKind kGenerators[] = {GeneratorKind::ChannelOffset, GeneratorKind::Normal, GeneratorKind::Uniform,
                                         GeneratorKind::ConstantChannels};

int indexOfGenerator(GeneratorKind kind)
{
    for (int i = 0; i < 4; ++i)
        if (kGenerators[i] == kind)
            return i;
    return 0;
}

// The exact eps: entering the shown text again must not change it (ten digits did, making an undo step).
QString epsText(double eps)
{
    return shortestText(eps, DType::Float64); // eps is a Python float whatever the tensor's dtype
}

// Shows the exact value in use, whatever its size or sign (the generator takes a negative std too).
QDoubleSpinBox* numberSpin(QWidget* parent, double step)
{
    auto* spin = new ExactSpinBox(parent);
    spin->setSingleStep(step);
    spin->setKeyboardTracking(false);
    return spin;
}

// The slider's 1-2-5 mantissas per decade: a readable eps at every position.
constexpr int kEpsMantissas[] = {1, 2, 5};
constexpr int kEpsFirstExponent = -8;

} // namespace

double ControlsPanel::epsFromSlider(int position)
{
    position = std::clamp(position, 0, kEpsSliderMax);
    // Read from text, so 2e-08 is the double Python's 2e-08 is (2 * pow(10, -8) need not be).
    const QString text = QStringLiteral("%1e%2").arg(kEpsMantissas[position % 3]).arg(kEpsFirstExponent + position / 3);
    return text.toDouble();
}

int ControlsPanel::sliderFromEps(double eps)
{
    if (!(eps > 0))
        return 0; // eps = 0 or negative: the slider rests at its low end, the field shows the value
    // The nearest position on a log scale.
    int best = 0;
    double bestDistance = HUGE_VAL;
    for (int p = 0; p <= kEpsSliderMax; ++p) {
        const double d = std::abs(std::log10(eps) - std::log10(epsFromSlider(p)));
        if (d < bestDistance) {
            bestDistance = d;
            best = p;
        }
    }
    return best;
}

ControlsPanel::ControlsPanel(Document* document, QWidget* parent) : QWidget(parent), document_(document)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(buildModuleBox());
    layout->addWidget(buildInputBox());
    layout->addWidget(buildParameterBox());
    layout->addWidget(buildRunningBox());
    layout->addWidget(buildAffineBox());
    gradient_ = new GradientBox(document_, this);
    layout->addWidget(gradient_);
    layout->addStretch(1);
    for (QPushButton* button : {load_, useGenerator_, step_, stepFresh_, resetRunning_})
        button->setEnabled(false); // until setActions()
    WheelGuard::protect(this);
    // Long item texts must not widen the dock.
    for (QComboBox* combo : findChildren<QComboBox*>()) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(8);
    }
    connect(document_, &Document::experimentChanged, this, &ControlsPanel::refresh);
    connect(document_, &Document::errorReported, this, &ControlsPanel::refresh); // a refused edit: show the state again
    refresh();
}

QWidget* ControlsPanel::buildModuleBox()
{
    auto* box = new QGroupBox(tr("Module"), this);
    auto* form = new QFormLayout(box);
    norm_ = new QComboBox(box);
    norm_->setObjectName(QStringLiteral("normCombo"));
    for (NormKind kind : kNormKinds) // PyTorch's names, not translated
        norm_->addItem(QString::fromUtf8(traitsOf(kind).displayName), static_cast<int>(kind));
    mode_ = new QComboBox(box);
    mode_->setObjectName(QStringLiteral("modeCombo"));
    mode_->addItems({tr("training  (train())"), tr("eval  (eval())")});
    form->addRow(tr("Norm"), norm_);
    form->addRow(tr("Mode"), mode_);
    connect(norm_, &QComboBox::activated, this,
            [this](int i) { document_->setNormKind(static_cast<NormKind>(norm_->itemData(i).toInt())); });
    connect(mode_, &QComboBox::activated, this,
            [this](int i) { document_->setMode(i == 0 ? Mode::Training : Mode::Eval); });
    return box;
}

QWidget* ControlsPanel::buildInputBox()
{
    auto* box = new QGroupBox(tr("Input x"), this);
    auto* form = new QFormLayout(box);

    layout_ = new QComboBox(box);
    // Ranks 2 to 5 (named with the current norm's module in sync()), then the transformer preset.
    layout_->addItems({QString(), QString(), QString(), QString(), tr("(B, T, D)  transformer LayerNorm")});
    layout_->setToolTip(tr("The input's axes; (B, T, D) is a batch of token sequences, each token's D "
                           "features normalised by LayerNorm(D)"));
    form->addRow(tr("Layout"), layout_);
    connect(layout_, &QComboBox::activated, this, [this](int i) {
        if (static_cast<ShapePreset>(i) == ShapePreset::BTD)
            document_->edit(tr("Transformer LayerNorm (B, T, D)"), &applyTransformerPreset);
        else
            document_->setShape(shapeWithRank(document_->experiment().shape, i + 2));
    });

    auto* dimsRow = new QHBoxLayout;
    const char* names[5] = {"N", "C", "D", "H", "W"};
    const int maxima[5] = {256, 1024, 512, 512, 512};
    for (int a = 0; a < 5; ++a) {
        dims_[a] = new QSpinBox(box);
        dims_[a]->setObjectName(QStringLiteral("dim%1Spin").arg(QLatin1String(names[a])));
        dims_[a]->setRange(1, maxima[a]);
        dims_[a]->setKeyboardTracking(false);
        dims_[a]->setPrefix(QStringLiteral("%1 ").arg(QLatin1String(names[a])));
        dimsRow->addWidget(dims_[a]);
        connect(dims_[a], &QSpinBox::valueChanged, this, &ControlsPanel::applyShape);
    }
    form->addRow(dimsRow);
    shapeNote_ = new QLabel(box);
    dtype_ = new QComboBox(box);
    dtype_->addItems({QStringLiteral("float32"), QStringLiteral("float64")});
    auto* noteRow = new QHBoxLayout;
    noteRow->addWidget(shapeNote_, 1);
    noteRow->addWidget(dtype_);
    form->addRow(noteRow);
    connect(dtype_, &QComboBox::activated, this,
            [this](int i) { document_->setDType(i == 0 ? DType::Float32 : DType::Float64); });

    generator_ = new QComboBox(box);
    generator_->addItems({tr("per-channel offset + scale"), tr("normal"), tr("uniform"), tr("constant channels")});
    generator_->setToolTip(tr("Per-channel offset + scale: channel c ~ N(mean + c·offset, std·(1 + 0.4c)), "
                              "so BatchNorm and InstanceNorm visibly differ"));
    form->addRow(tr("Generator"), generator_);
    mean_ = numberSpin(box, 0.5);
    std_ = numberSpin(box, 0.1);
    low_ = numberSpin(box, 0.5);
    high_ = numberSpin(box, 0.5);
    offset_ = numberSpin(box, 0.25);
    auto* seed = new ExactSpinBox(box); // a QSpinBox holds int: --seed 5000000000 showed 705032704
    seed->setIntegral(true);
    seed->setRange(0.0, static_cast<double>(kMaxSeed));
    seed->setSingleStep(1.0);
    seed->setKeyboardTracking(false);
    seed_ = seed;
    // Two parameters per row; refresh() hides the pairs the chosen generator does not use.
    auto* grid = new QGridLayout;
    grid->setContentsMargins(0, 0, 0, 0);
    const auto pair = [&](int row, int col, const QString& label, QWidget* field) {
        auto* l = new QLabel(label, box);
        l->setBuddy(field);
        generatorLabels_[field] = l;
        grid->addWidget(l, row, col * 2);
        grid->addWidget(field, row, col * 2 + 1);
    };
    pair(0, 0, tr("mean"), mean_);
    pair(0, 1, tr("std"), std_);
    pair(1, 0, tr("low"), low_);
    pair(1, 1, tr("high"), high_);
    pair(2, 0, tr("offset/c"), offset_);
    pair(2, 1, tr("seed"), seed_);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    offset_->setToolTip(tr("Mean shift from one channel to the next"));
    form->addRow(grid);
    connect(generator_, &QComboBox::activated, this, [this] { applyRecipe(false); });
    for (QDoubleSpinBox* spin : {mean_, std_, low_, high_, offset_})
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this] { applyRecipe(false); });
    connect(seed_, &QDoubleSpinBox::valueChanged, this, [this] { applyRecipe(false); });

    auto* fileRow = new QHBoxLayout;
    load_ = new QPushButton(tr("Load .npy..."), box);
    load_->setObjectName(QStringLiteral("loadButton"));
    useGenerator_ = new QPushButton(tr("Use generator"), box);
    useGenerator_->setObjectName(QStringLiteral("useGeneratorButton"));
    fileRow->addWidget(load_);
    fileRow->addWidget(useGenerator_);
    form->addRow(fileRow);
    loadedLabel_ = new QLabel(box);
    loadedLabel_->setWordWrap(true);
    form->addRow(loadedLabel_);
    return box;
}

QWidget* ControlsPanel::buildParameterBox()
{
    auto* box = new QGroupBox(tr("Parameters"), this);
    auto* form = new QFormLayout(box);

    groups_ = new QComboBox(box);
    groups_->setObjectName(QStringLiteral("groupsCombo"));
    groups_->setToolTip(tr("GroupNorm's num_groups: only divisors of C"));
    // Their items say what the choice means ("2  (3 channels each)"): their minimum width is their
    // widest item's (set in sync()) and the panel is as wide as that (MainWindow::fitControlsWidth),
    // so a projector shows them whole.
    form->addRow(tr("num_groups"), groups_);
    connect(groups_, &QComboBox::activated, this,
            [this](int i) { document_->setNumGroups(groups_->itemData(i).toLongLong()); });

    normalized_ = new QComboBox(box);
    normalized_->setObjectName(QStringLiteral("normalizedCombo"));
    normalized_->setToolTip(tr("LayerNorm/RMSNorm normalized_shape: the input's last dims"));
    form->addRow(tr("normalized_shape"), normalized_);
    connect(normalized_, &QComboBox::activated, this,
            [this](int i) { document_->setNormalizedDims(normalized_->itemData(i).toInt()); });

    epsSlider_ = new QSlider(Qt::Horizontal, box);
    epsSlider_->setObjectName(QStringLiteral("epsSlider"));
    epsSlider_->setRange(0, kEpsSliderMax);
    epsSlider_->setPageStep(3);
    epsSlider_->setTickPosition(QSlider::TicksBelow);
    epsSlider_->setTickInterval(3);
    epsSlider_->setToolTip(tr("eps: 1, 2, 5 per decade from 1e-8 to 10; type any value in the field"));
    epsEdit_ = new QLineEdit(box);
    epsEdit_->setObjectName(QStringLiteral("epsEdit"));
    epsEdit_->setToolTip(tr("eps exactly as PyTorch gets it; any finite number (0 and negative ones too)"));
    // Wide enough for the longest exact eps the slider or a typed value gives (17 significant digits).
    epsEdit_->setMinimumWidth(epsEdit_->fontMetrics().horizontalAdvance(QStringLiteral("0.012589254117941661")) + 12);
    epsNone_ = new QCheckBox(tr("None"), box);
    epsNone_->setToolTip(tr("RMSNorm eps=None: the dtype's machine epsilon"));
    epsMessage_ = new QLabel(box);
    epsMessage_->setObjectName(QStringLiteral("epsMessage"));
    epsMessage_->setWordWrap(true);
    epsMessage_->hide();
    auto* epsRow = new QHBoxLayout;
    epsRow->addWidget(epsEdit_, 1);
    epsRow->addWidget(epsNone_);
    form->addRow(tr("eps"), epsRow);
    form->addRow(epsSlider_);
    form->addRow(epsMessage_);
    connect(epsSlider_, &QSlider::valueChanged, this,
            [this](int position) { document_->setEps(epsFromSlider(position), epsSlider_->isSliderDown()); });
    connect(epsSlider_, &QSlider::sliderReleased, document_, &Document::endMerge);
    connect(epsEdit_, &QLineEdit::editingFinished, this, &ControlsPanel::applyEpsText);
    connect(epsNone_, &QCheckBox::clicked, this,
            [this](bool none) { document_->setEps(none ? std::nullopt : std::optional<double>(1e-5)); });

    momentum_ = numberSpin(box, 0.05); // PyTorch takes any float (2 included)
    momentum_->setObjectName(QStringLiteral("momentumSpin"));
    momentumNone_ = new QCheckBox(tr("None"), box);
    momentumNone_->setToolTip(tr("momentum=None: cumulative moving average over all steps (BatchNorm only)"));
    auto* momentumRow = new QHBoxLayout;
    momentumRow->addWidget(momentum_, 1);
    momentumRow->addWidget(momentumNone_);
    form->addRow(tr("momentum"), momentumRow);
    connect(momentum_, &QDoubleSpinBox::valueChanged, this, [this] { applyMomentum(false); });
    connect(momentumNone_, &QCheckBox::clicked, this, [this] { applyMomentum(false); });

    affine_ = new QCheckBox(box); // named after the kind's argument in refresh()
    affine_->setObjectName(QStringLiteral("affineCheck"));
    affine_->setToolTip(tr("Learnable gamma and beta (RMSNorm: gamma only)"));
    track_ = new QCheckBox(tr("track_running_stats"), box);
    track_->setObjectName(QStringLiteral("trackCheck"));
    form->addRow(affine_);
    form->addRow(track_);
    connect(affine_, &QCheckBox::clicked, document_, &Document::setAffine);
    connect(track_, &QCheckBox::clicked, document_, &Document::setTrackRunningStats);
    return box;
}

QWidget* ControlsPanel::buildAffineBox()
{
    auto* box = new QGroupBox(tr("gamma / beta"), this);
    auto* layout = new QVBoxLayout(box);
    gammaBeta_ = new GammaBetaEditor(document_, box);
    layout->addWidget(gammaBeta_);
    return box;
}

QWidget* ControlsPanel::buildRunningBox()
{
    auto* box = new QGroupBox(tr("Running statistics"), this);
    auto* layout = new QVBoxLayout(box);
    auto* row = new QHBoxLayout;
    step_ = new QPushButton(tr("Step"), box);
    step_->setObjectName(QStringLiteral("stepButton"));
    stepFresh_ = new QPushButton(tr("Step on fresh batch"), box);
    stepFresh_->setObjectName(QStringLiteral("stepFreshButton"));
    resetRunning_ = new QPushButton(tr("Reset"), box);
    resetRunning_->setObjectName(QStringLiteral("resetRunningButton"));
    row->addWidget(step_);
    row->addWidget(stepFresh_);
    row->addWidget(resetRunning_);
    layout->addLayout(row);
    runningLabel_ = new QLabel(box);
    runningLabel_->setWordWrap(true);
    layout->addWidget(runningLabel_);
    return box;
}

void ControlsPanel::setActions(const Commands& commands)
{
    bindButtonToAction(load_, commands.load);
    bindButtonToAction(useGenerator_, commands.useGenerator);
    bindButtonToAction(step_, commands.step);
    bindButtonToAction(stepFresh_, commands.stepFresh);
    bindButtonToAction(resetRunning_, commands.resetRunning);
}

void ControlsPanel::applyShape()
{
    const Experiment& e = document_->experiment();
    const int rank = std::clamp(static_cast<int>(e.shape.size()), 2, 5);
    Shape shape;
    for (int a = 0; a < rank; ++a)
        shape.push_back(dims_[a]->value());
    if (shape != e.shape || e.isLoaded())
        document_->setShape(shape);
}

void ControlsPanel::applyRecipe(bool merge)
{
    InputRecipe r = document_->experiment().recipe;
    r.kind = kGenerators[std::max(0, generator_->currentIndex())];
    r.mean = mean_->value();
    r.std = std_->value();
    r.low = low_->value();
    r.high = high_->value();
    r.offset_step = offset_->value();
    r.seed = static_cast<std::uint64_t>(seed_->value());
    document_->setRecipe(r, merge);
}

void ControlsPanel::applyEpsText()
{
    const QString typed = epsEdit_->text().trimmed();
    bool ok = false;
    const double eps = typed.toDouble(&ok);
    const auto current = document_->experiment().spec.eps;
    epsEdit_->setModified(false);
    if (!ok || !std::isfinite(eps)) {
        // The Document's rules (and the engine's warnings) judge every finite value; this is not one.
        epsMessage_->setText(tr("eps %1 refused: not a finite number; eps stays %2.")
                                 .arg(typed, current ? epsText(*current) : tr("None")));
        epsMessage_->show();
        refresh();
        return;
    }
    epsMessage_->hide();
    if (!current || *current != eps)
        document_->setEps(eps);
    refresh(); // "2.50e-3" shows as the eps in use, 0.0025
}

void ControlsPanel::applyMomentum(bool merge)
{
    document_->setMomentum(momentumNone_->isChecked() ? std::nullopt : std::optional<double>(momentum_->value()),
                           merge);
}

void ControlsPanel::setSelectedCell(std::int64_t flatIndex)
{
    gradient_->setSelectedCell(flatIndex);
}

void ControlsPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // A new language or font (presenter mode) changes the texts' widths: the combo boxes are measured again.
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::FontChange
        || event->type() == QEvent::ApplicationFontChange)
        refresh();
}

void ControlsPanel::refresh()
{
    const Experiment& e = document_->experiment();
    const NormSpec& s = e.spec;
    const QList<QWidget*> all = findChildren<QWidget*>();
    std::vector<std::unique_ptr<QSignalBlocker>> blockers;
    for (QWidget* w : all)
        blockers.push_back(std::make_unique<QSignalBlocker>(w));

    const NormTraits& t = s.traits();
    set_if_changed::currentIndex(norm_, norm_->findData(static_cast<int>(s.kind)));
    set_if_changed::currentIndex(mode_, s.mode == Mode::Training ? 0 : 1);

    const int rank = static_cast<int>(e.shape.size());
    const bool spinsFit = rank >= 2 && rank <= 5;
    // The spins' names follow the rank and the preset: N C | N C L | N C H W | N C D H W | B T D.
    const ShapePreset preset = presetOf(e);
    // Each rank's item names the module the current norm is at that rank (BatchNorm1d, InstanceNorm3d, ...).
    static const char* const axes[4] = {"(N, C)", "(N, C, L)", "(N, C, H, W)", "(N, C, D, H, W)"};
    for (int r = 2; r <= 5; ++r)
        set_if_changed::itemText(
            layout_, r - 2,
            QStringLiteral("%1  %2").arg(QLatin1String(axes[r - 2]), QString::fromStdString(moduleName(s.kind, r))));
    set_if_changed::currentIndex(layout_, static_cast<int>(preset));
    const auto spinNames = StatsLayout::axisNames(rank);
    for (int a = 0; a < 5; ++a) {
        dims_[a]->setVisible(spinsFit && a < rank);
        if (a < rank) {
            set_if_changed::value(dims_[a], static_cast<int>(e.shape[static_cast<std::size_t>(a)]));
            const QString name = preset == ShapePreset::BTD
                ? QString(QLatin1Char("BTD"[a]))
                : QString::fromStdString(spinNames[static_cast<std::size_t>(a)]).toUpper();
            set_if_changed::prefix(dims_[a], name + QLatin1Char(' '));
        }
        dims_[a]->setEnabled(spinsFit && !e.isLoaded());
    }
    layout_->setEnabled(!e.isLoaded());
    const QString shapeText = QString::fromStdString(toString(e.shape));
    shapeNote_->setText(spinsFit ? tr("%L1 elements").arg(numel(e.shape))
                                 : tr("%1 = %L2 elements").arg(shapeText).arg(numel(e.shape)));
    shapeNote_->setToolTip(tr("shape %1").arg(shapeText));
    set_if_changed::currentIndex(dtype_, e.dtype == DType::Float32 ? 0 : 1);

    const InputRecipe& r = e.recipe;
    set_if_changed::currentIndex(generator_, indexOfGenerator(r.kind));
    set_if_changed::value(mean_, r.mean);
    set_if_changed::value(std_, r.std);
    set_if_changed::value(low_, r.low);
    set_if_changed::value(high_, r.high);
    set_if_changed::value(offset_, r.offset_step);
    set_if_changed::value(seed_, static_cast<double>(r.seed)); // exact up to kMaxSeed, which the options enforce
    const auto showField = [this](QWidget* field, bool on) {
        field->setVisible(on);
        generatorLabels_.at(field)->setVisible(on);
    };
    showField(mean_, r.kind != GeneratorKind::Uniform);
    showField(std_, r.kind == GeneratorKind::Normal || r.kind == GeneratorKind::ChannelOffset);
    showField(low_, r.kind == GeneratorKind::Uniform);
    showField(high_, r.kind == GeneratorKind::Uniform);
    showField(offset_, r.kind == GeneratorKind::ChannelOffset || r.kind == GeneratorKind::ConstantChannels);
    showField(seed_, r.kind != GeneratorKind::ConstantChannels);
    for (QWidget* w : {static_cast<QWidget*>(generator_), static_cast<QWidget*>(mean_), static_cast<QWidget*>(std_),
                       static_cast<QWidget*>(low_), static_cast<QWidget*>(high_), static_cast<QWidget*>(offset_),
                       static_cast<QWidget*>(seed_)})
        w->setEnabled(!e.isLoaded());
    loadedLabel_->setVisible(e.isLoaded());
    if (e.isLoaded() && e.image) { // a batch of pictures is a list of files
        QStringList names;
        for (const QString& path : QString::fromStdString(e.loadedPath).split(QLatin1Char(',')))
            names << QFileInfo(path).fileName();
        loadedLabel_->setText(tr("Loaded pictures: %1").arg(names.join(", ")));
    } else if (e.isLoaded()) {
        loadedLabel_->setText(e.loadedPath == kTypedInTensor
                                  ? tr("Loaded a typed-in tensor")
                                  : tr("Loaded %1").arg(QFileInfo(QString::fromStdString(e.loadedPath)).fileName()));
    }

    std::vector<std::pair<QString, QVariant>> groupItems;
    const std::int64_t C = e.channels();
    for (std::int64_t g = 1; g <= C; ++g)
        if (C % g == 0)
            groupItems.emplace_back(tr("%1   (%2 channels each)").arg(g).arg(C / g), QVariant::fromValue<qlonglong>(g));
    set_if_changed::items(groups_, groupItems);
    set_if_changed::currentIndex(groups_, groups_->findData(QVariant::fromValue<qlonglong>(s.num_groups)));
    groups_->setPlaceholderText(tr("%1 does not divide C = %2").arg(s.num_groups).arg(C));
    groups_->setEnabled(t.takesNumGroups);
    groups_->setMinimumWidth(widestItemWidth(groups_)); // also after a font change (presenter mode)

    std::vector<std::pair<QString, QVariant>> normalizedItems;
    const auto axisNames = StatsLayout::axisNames(rank);
    for (int k = 1; k <= std::min(rank, 3); ++k) {
        QStringList names;
        for (int a = rank - k; a < rank; ++a)
            names << QString::fromStdString(axisNames[static_cast<std::size_t>(a)]).toUpper();
        normalizedItems.emplace_back(tr("last %1: (%2) = %3")
                                         .arg(k)
                                         .arg(names.join(QStringLiteral(", ")))
                                         .arg(QString::fromStdString(toString(trailingDims(e.shape, k)))),
                                     k);
    }
    set_if_changed::items(normalized_, normalizedItems);
    int normalizedIndex = -1;
    if (s.normalized_shape == trailingDims(e.shape, static_cast<int>(s.normalized_shape.size())))
        normalizedIndex = normalized_->findData(static_cast<int>(s.normalized_shape.size()));
    set_if_changed::currentIndex(normalized_, normalizedIndex);
    normalized_->setEnabled(t.takesNormalizedShape);
    normalized_->setMinimumWidth(widestItemWidth(normalized_));

    epsNone_->setVisible(t.acceptsEpsNone);
    epsNone_->setChecked(!s.eps);
    epsSlider_->setEnabled(s.eps.has_value());
    epsEdit_->setEnabled(s.eps.has_value());
    if (s.eps) {
        if (!epsSlider_->isSliderDown())
            epsSlider_->setValue(sliderFromEps(*s.eps));
        if (!epsEdit_->isModified()) // never over what the user is typing
            set_if_changed::text(epsEdit_, epsText(*s.eps));
    } else {
        set_if_changed::text(epsEdit_, tr("machine eps"));
    }

    momentumNone_->setChecked(!s.momentum);
    if (s.momentum)
        set_if_changed::value(momentum_, *s.momentum);
    momentum_->setEnabled(s.hasRunningStats() && s.momentum.has_value());
    momentumNone_->setEnabled(t.acceptsMomentumNone && s.hasRunningStats());
    affine_->setChecked(s.affine);
    affine_->setText(tr("%1 (gamma, beta)").arg(QString::fromUtf8(t.affineArgument)));
    track_->setChecked(s.track_running_stats && t.takesRunningStats);
    track_->setEnabled(t.takesRunningStats);

    gammaBeta_->setEnabled(s.affine);
    gammaBeta_->refresh(e);

    // The displayed pass in training mode moves the buffers one step; the table and the plot show
    // them after this pass, so the counter says both numbers.
    if (s.updatesRunningStats())
        runningLabel_->setText(tr("num_batches_tracked = %1 before this pass, %2 after this pass. Step commits "
                                  "the pass; looking never moves them.")
                                   .arg(e.num_batches_tracked)
                                   .arg(e.num_batches_tracked + 1));
    else if (s.hasRunningStats())
        runningLabel_->setText(tr("num_batches_tracked = %1 before and after this pass (eval leaves them). Step "
                                  "runs one training pass.")
                                   .arg(e.num_batches_tracked));
    else
        runningLabel_->setText(t.takesRunningStats ? tr("track_running_stats is off: no running statistics.")
                                                   : tr("%1 keeps no running statistics.").arg(norm_->currentText()));
}

} // namespace normscope::ui
