// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/experiment.h"

#include <QWidget>

#include <map>

class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;

namespace normscope::ui {

class GammaBetaEditor;
class GradientBox;
class Document;

/**
 * The left dock: every parameter as PyTorch names it. Each widget pushes an edit to the Document
 * and shows what the Document holds afterwards (refreshed from experimentChanged), so undo moves the
 * widgets too. Widgets that do not apply to the chosen norm are disabled, and num_groups offers
 * only divisors of C, so most refusals cannot be entered at all.
 *
 * The buttons for window commands (load, back to the generator, step, reset running statistics) show
 * QActions the window registered once (ui/actions.h): the panel takes them through setActions() and
 * neither connects them to the Document nor decides when they are enabled.
 */
class ControlsPanel : public QWidget {
    Q_OBJECT

public:
    /// eps slider: 1, 2 and 5 per decade from 1e-8 to 10 (position 27); the field takes any value.
    static constexpr int kEpsSliderMax = 27;
    static double epsFromSlider(int position);
    static int sliderFromEps(double eps);

    /// The registered commands the panel's buttons show; a null member leaves its button disabled.
    struct Commands {
        QAction* load = nullptr;
        QAction* useGenerator = nullptr;
        QAction* step = nullptr;
        QAction* stepFresh = nullptr;
        QAction* resetRunning = nullptr;
    };

    explicit ControlsPanel(Document* document, QWidget* parent = nullptr);

    /// Binds the buttons to the window's actions: a click triggers the action, enabling follows it.
    /// Until then those buttons are disabled. Call once.
    void setActions(const Commands& commands);

    QComboBox* normCombo() const { return norm_; }
    QComboBox* modeCombo() const { return mode_; }
    QSpinBox* dimSpin(int axis) const { return dims_[axis]; } ///< 0..4: the input's axes in order
    /// The layout: (N, C), (N, C, L), (N, C, H, W), (N, C, D, H, W) or (B, T, D) for a transformer's
    /// LayerNorm (ui/document/shape_presets.h).
    QComboBox* layoutCombo() const { return layout_; }
    QComboBox* dtypeCombo() const { return dtype_; }
    QComboBox* generatorCombo() const { return generator_; }
    QDoubleSpinBox* meanSpin() const { return mean_; }
    QDoubleSpinBox* seedSpin() const { return seed_; }
    QComboBox* groupsCombo() const { return groups_; }
    QComboBox* normalizedCombo() const { return normalized_; }
    QSlider* epsSlider() const { return epsSlider_; }
    QLineEdit* epsEdit() const { return epsEdit_; }
    QCheckBox* epsNoneCheck() const { return epsNone_; }
    QDoubleSpinBox* momentumSpin() const { return momentum_; }
    QCheckBox* momentumNoneCheck() const { return momentumNone_; }
    QCheckBox* affineCheck() const { return affine_; }
    QCheckBox* trackCheck() const { return track_; }
    GammaBetaEditor* gammaBetaEditor() const { return gammaBeta_; }
    QPushButton* stepButton() const { return step_; }
    QPushButton* stepFreshButton() const { return stepFresh_; }
    QPushButton* resetRunningButton() const { return resetRunning_; }
    QPushButton* loadButton() const { return load_; }
    GradientBox* gradientBox() const { return gradient_; }
    /// The cube's selection, where a one-hot dL/dy puts its 1.
    void setSelectedCell(std::int64_t flatIndex);

protected:
    /// A language switch: the texts the panel composes (num_groups' items, the running counter) anew.
    void changeEvent(QEvent* event) override;

private:
    QWidget* buildModuleBox();
    QWidget* buildInputBox();
    QWidget* buildParameterBox();
    QWidget* buildAffineBox();
    QWidget* buildRunningBox();
    void refresh();
    void applyShape();
    void applyRecipe(bool merge);
    void applyEpsText();
    void applyMomentum(bool merge);

    Document* document_;
    QComboBox* norm_ = nullptr;
    QComboBox* mode_ = nullptr;
    QSpinBox* dims_[5] = {};
    QComboBox* layout_ = nullptr;
    QLabel* shapeNote_ = nullptr;
    QComboBox* dtype_ = nullptr;
    QComboBox* generator_ = nullptr;
    QDoubleSpinBox* mean_ = nullptr;
    QDoubleSpinBox* std_ = nullptr;
    QDoubleSpinBox* low_ = nullptr;
    QDoubleSpinBox* high_ = nullptr;
    QDoubleSpinBox* offset_ = nullptr;
    QDoubleSpinBox* seed_ = nullptr;
    QPushButton* load_ = nullptr;
    QPushButton* useGenerator_ = nullptr;
    QLabel* loadedLabel_ = nullptr;
    QComboBox* groups_ = nullptr;
    QComboBox* normalized_ = nullptr;
    QSlider* epsSlider_ = nullptr;
    QLineEdit* epsEdit_ = nullptr;
    QCheckBox* epsNone_ = nullptr;
    QLabel* epsMessage_ = nullptr;
    QDoubleSpinBox* momentum_ = nullptr;
    QCheckBox* momentumNone_ = nullptr;
    QCheckBox* affine_ = nullptr;
    QCheckBox* track_ = nullptr;
    GammaBetaEditor* gammaBeta_ = nullptr;
    GradientBox* gradient_ = nullptr;
    QPushButton* step_ = nullptr;
    QPushButton* stepFresh_ = nullptr;
    QPushButton* resetRunning_ = nullptr;
    QLabel* runningLabel_ = nullptr;
    std::map<QWidget*, QLabel*> generatorLabels_;
};

} // namespace normscope::ui
