// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/cube/color_map.h"
#include "ui/cube/cube_axis_labels.h"
#include "ui/cube/cube_cell_colors.h"
#include "ui/cube/cube_cut.h"
#include "ui/cube/cube_face_images.h"
#include "ui/cube/cube_grid.h"
#include "ui/cube/cube_hover_overlay.h"
#include "ui/cube/cube_projection.h"
#include "ui/cube/cube_texts.h"
#include "ui/document/result_snapshot.h"

#include <QPointer>
#include <QWidget>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace normscope::ui {

class ColorBar;
class Document;

/**
 * The input tensor as a 3D grid of cells, N left to right, C in depth and the flattened spatial
 * dims H·W top to bottom (Figure 2 of Wu & He, Group Normalization), coloured by x, x-hat or y.
 * Hovering or clicking a cell lights up its statistic group, taken from the snapshot's StatsLayout,
 * and shows the engine's numbers for it. Drag rotates, the wheel zooms, a double click resets.
 *
 * Per-result work (sampling the drawn cells, the colour range, each cell's group) happens in
 * setResult; highlight changes recolour the drawn cells (at most 64 per axis); painting only draws
 * one image per visible face. The parts: CubeCellColors (what each drawn cell shows), CubeFaceImages
 * (the faces as images and their painting), CubeAxisLabels, CubeTexts, CubeHoverOverlay and the
 * camera, CubeProjection; this class holds the state, lays the parts out and handles the mouse.
 */
class CubeView : public QWidget {
    Q_OBJECT

public:
    enum class ValueSource { Input, Normalized, Output, Gradient }; ///< Gradient: dL/dx
    Q_ENUM(ValueSource)
    enum class HighlightMode { HoveredGroup, AllGroups };
    Q_ENUM(HighlightMode)

    explicit CubeView(QWidget* parent = nullptr);
    ~CubeView() override;

    /// Shows the document's result now and each one it publishes from then on (call once).
    void observe(Document* document);
    void setResult(normscope::ui::ResultPtr result);
    ResultPtr result() const { return result_; }

    void setValueSource(ValueSource source);
    ValueSource valueSource() const { return source_; }
    void setHighlightMode(HighlightMode mode);
    HighlightMode highlightMode() const { return mode_; }
    /// Pulls the cube apart into slices along axis 0 = N, 1 = C, 2 = H·W, turning to a view that
    /// looks between them (CubeProjection::explodedRotation); off returns to the default view.
    void setExploded(bool on, int axis);
    bool isExploded() const { return projection_.exploded(); }
    int explodeAxis() const { return projection_.explodeAxis(); }
    void resetView();
    /// Degrees; the view a drag produces.
    void setRotation(double yawDegrees, double pitchDegrees);
    double yaw() const { return projection_.yaw(); }
    double pitch() const { return projection_.pitch(); }
    void setZoom(double zoom);
    double zoom() const { return projection_.zoom(); }

    /// Selects the element at this flat index as a click would (emits cellSelected); -1 clears.
    void selectCell(std::int64_t flatIndex);
    std::int64_t selectedCell() const { return selected_; }
    /// Lights the group of an element hovered in another, linked view (no signal, no overlay).
    void setLinkedHover(std::int64_t flatIndex);
    /// Flat index into the input of the element under the mouse (a drawn cell's representative), -1 none.
    std::int64_t hoveredCell() const { return hovered_; }
    /// The statistic group lit now (hovered, else linked hover, else selected), -1 none.
    std::int64_t highlightedGroup() const;
    /// Flat indices of every element of the lit group (StatsLayout::elementsOf), empty if none.
    std::vector<std::int64_t> highlightedCells() const;

    /// The layout's rule in words, e.g. "BatchNorm: one mean and variance per channel, over N, H, W".
    QString caption() const { return caption_; }
    /// Non-empty when the cube is drawn subsampled, e.g. "H·W: 3136 shown as 64 bins of 49; ...".
    QString note() const { return note_; }
    /// The hover overlay's text (index, x, group, its statistics, x-hat, gamma, beta, y); empty if none.
    QString hoverText() const;

    /// Compact form for the compare view: smaller text, colour bar below the cube, no status line.
    void setCompact(bool compact);
    bool isCompact() const { return compact_; }
    /// Height the caption needs at this widget width; setCaptionReserve makes it at least `height`,
    /// so that cubes side by side (the compare view) start at one height and share one scale.
    double captionHeightAt(int width) const;
    void setCaptionReserve(double height);
    ColorBar* colorBar() const { return colorBar_; }
    /// Presenter mode: outlines and lit borders drawn this many times thicker (1 normally).
    void setLineScale(double scale);
    double lineScale() const { return lineScale_; }
    /// The font of the axis labels (N, C, H, W and their indices), from the widget's font.
    QFont axisLabelFont() const;
    /// The font of the caption (the module and what it normalises over), from the widget's font.
    QFont captionFont() const;
    const ColorMap& colorMap() const { return colorMap_; }
    const CubeGrid& grid() const { return grid_; }

    /// The cells cut away to show a lit group that reaches no visible face (an interior
    /// InstanceNorm or GroupNorm group): axis -1 when the whole cube is drawn.
    CubeProjection::Cut cut() const { return projection_.cut(); }
    /// "cut open at C = 3 to show the lit group"; empty without a cut.
    QString cutText() const { return describeCut(projection_.cut(), grid_); }

    /// Representative element of the drawn cell at a widget point, -1 for none.
    std::int64_t cellAt(const QPointF& pos) const;
    /// A widget point where the drawn cell containing this element is visible (not hidden behind
    /// other cells); nothing if it is hidden in the current view.
    std::optional<QPointF> cellPosition(std::int64_t flatIndex) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override; ///< compact form only
    int heightForWidth(int width) const override;

Q_SIGNALS:
    void cellHovered(std::int64_t flatIndex);  ///< -1 when the mouse leaves the cube
    void cellSelected(std::int64_t flatIndex); ///< -1 when the selection is cleared
    /// The user rotated or zoomed (for views that follow each other).
    void viewChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override; ///< a new font (presenter mode) lays the texts out again

private:
    void rebuildValues();
    void rebuildColors();
    void rebuildImages();
    CubeProjection::Cut cutForLitGroup() const;
    void updateCut(); // after the view turned: another face may now show the lit group
    CubeAxisLabels::Margins labelMargins(double width, double height) const;
    void relayout();
    /// Where relayout() put the texts and the cube: what a new result must leave alone to need no repaint.
    std::array<QRectF, 5> layoutRects() const;
    /// Shows the hover overlay at the mouse while a cell is hovered, hides it otherwise.
    void syncOverlay();
    /// Sets the texts from the result and the lit group; returns whether any changed.
    bool updateTexts();
    void updateHoverText();
    void setHover(std::int64_t flatIndex, const QPointF& pos);
    std::int64_t drawnCellIndex(const CubeProjection::Cell& cell) const;
    bool hasPicture() const { return !cells_.empty(); }

    void paintCellOutline(QPainter& p, std::int64_t flatIndex, const QColor& color, double width) const;

    ResultPtr result_;
    CubeGrid grid_;
    CubeProjection projection_;
    ColorMap colorMap_;
    ColorBar* colorBar_ = nullptr;

    ValueSource source_ = ValueSource::Input;
    ValueSource shown_ = ValueSource::Input; ///< what the cells show: source_, or x where it has no value
    HighlightMode mode_ = HighlightMode::HoveredGroup;
    bool compact_ = false;
    double lineScale_ = 1.0;

    CubeCellColors cells_;
    std::int64_t litGroup_ = -1; // the group the colours were built for
    CubeFaceImages faceImages_;
    double captionReserve_ = 0;
    QPointer<CubeHoverOverlay> overlay_; // on the window, created at the first hover

    std::int64_t hovered_ = -1, linkedHover_ = -1, selected_ = -1;
    QPointF mousePos_;
    QPointF pressPos_;
    double pressYaw_ = 0, pressPitch_ = 0;
    bool pressed_ = false, dragging_ = false;

    QString caption_, note_, error_;
    CubeTexts texts_;
    QRectF captionRect_, noteRect_, cubeRect_, statusRect_;
};

} // namespace normscope::ui
