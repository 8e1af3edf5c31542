// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/cube/cube_view.h"

#include "ui/document/document.h"
#include "ui/document/cell_info.h"
#include "ui/document/layout_text.h"
#include "ui/document/shape_presets.h"
#include "ui/cube/color_bar.h"
#include "ui/cube/scaled_font.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <utility>

namespace normscope::ui {

CubeView::CubeView(QWidget* parent) : QWidget(parent), colorBar_(new ColorBar(this))
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::ClickFocus);
    colorBar_->setAttribute(Qt::WA_TransparentForMouseEvents);
    colorBar_->hide();
    updateTexts();
    relayout();
}

CubeView::~CubeView()
{
    delete overlay_; // a child of the window, not of this view
}

QSize CubeView::sizeHint() const
{
    return compact_ ? QSize(260, 360) : QSize(720, 560);
}

QSize CubeView::minimumSizeHint() const
{
    return compact_ ? QSize(120, 200) : QSize(320, 260);
}

// --- state --------------------------------------------------------------------------------------

void CubeView::observe(Document* document)
{
    connect(document, &Document::resultChanged, this, &CubeView::setResult);
    setResult(document->result());
}

void CubeView::setResult(ResultPtr result)
{
    const ResultPtr previous = std::exchange(result_, std::move(result));
    // What the view drew for the previous result, to tell whether this one changes the picture.
    const QString previousError = error_;
    const bool previousTokenNames = grid_.tokenNames();
    const std::array<QRectF, 5> previousRects = layoutRects();
    error_.clear();
    caption_.clear();
    note_.clear();

    if (!result_) {
        grid_ = CubeGrid();
        cells_.clear();
        faceImages_.clear();
        hovered_ = linkedHover_ = -1;
        updateHoverText();
        updateTexts();
        relayout();
        update();
        return;
    }

    const ResultSnapshot& r = *result_;
    if (!r.ok())
        error_ = r.error.empty() ? tr("The engine refused this configuration.") : QString::fromStdString(r.error);
    else
        caption_ = layoutCaption(*r.layout);

    // An eps, momentum or gamma change keeps the input and its grouping: the drawn cells, their
    // groups and (showing x) their values and colours stay as they are, and 262k cells at 6.4M
    // elements are not sampled again.
    const bool sameInput = previous && previous->shape == r.shape && previous->input.tensor() == r.input.tensor();
    const bool sameGroups = sameInput && previous->ok() && r.ok() && previous->layout->sameGrouping(*r.layout);
    const bool sameCells =
        sameGroups && shown_ == ValueSource::Input && source_ == ValueSource::Input && !cells_.empty();

    grid_ = CubeGrid(r.input.empty() ? r.shape : r.input.shape());
    grid_.setTokenNames(isTransformerLayout(r.spec, r.shape));
    note_ = grid_.note();
    if (!sameInput) // a new cell count resets the cut
        projection_.setCells(grid_.cells(0), grid_.cells(1), grid_.cells(2));

    const std::int64_t count = r.input.numel();
    const std::int64_t oldSelected = selected_, oldHovered = hovered_, oldLinked = linkedHover_;
    if (selected_ >= count)
        selected_ = -1;
    if (linkedHover_ >= count)
        linkedHover_ = -1;
    if (hovered_ >= count)
        hovered_ = -1;

    if (!sameGroups)
        cells_.setGroups(grid_, r.ok() && !r.input.empty() ? &*r.layout : nullptr);
    if (!sameCells) {
        rebuildValues();
        rebuildColors();
    }
    bool changed = !sameCells || error_ != previousError || grid_.tokenNames() != previousTokenNames;
    changed |= updateTexts();
    relayout();
    if (compact_)
        updateGeometry(); // another shape may need another height for this width
    // The picture under a resting mouse may have changed.
    if (hovered_ >= 0 && underMouse())
        hovered_ = cellAt(mousePos_);
    if (highlightedGroup() != litGroup_) {
        rebuildColors();
        changed = true;
    }
    updateHoverText();
    changed |= updateTexts();
    changed |= selected_ != oldSelected || hovered_ != oldHovered || linkedHover_ != oldLinked
        || previousRects != layoutRects();
    // An eps or momentum change showing x with nothing lit draws the same picture: repainting the
    // cube (and the colour bar on it) anyway was half of such a change at 8x16x16x16.
    if (changed)
        update();
    if (selected_ != oldSelected)
        Q_EMIT cellSelected(selected_);
    if (hovered_ != oldHovered)
        Q_EMIT cellHovered(hovered_);
}

void CubeView::setValueSource(ValueSource source)
{
    if (source_ == source)
        return;
    source_ = source;
    rebuildValues();
    rebuildColors();
    update();
}

void CubeView::setHighlightMode(HighlightMode mode)
{
    if (mode_ == mode)
        return;
    mode_ = mode;
    rebuildColors();
    updateTexts();
    relayout();
    update();
}

void CubeView::setExploded(bool on, int axis)
{
    if (on == projection_.exploded() && axis == projection_.explodeAxis())
        return;
    projection_.setExploded(on, axis);
    // Turn to a view that looks between the slices (and back to the default view after).
    const auto [yaw, pitch] = on
        ? CubeProjection::explodedRotation(axis)
        : std::pair<double, double>(CubeProjection::kDefaultYaw, CubeProjection::kDefaultPitch);
    projection_.setRotation(yaw, pitch);
    projection_.setCut(cutForLitGroup());
    if (compact_)
        updateGeometry();
    rebuildImages();
    update();
}

void CubeView::resetView()
{
    projection_.resetView();
    updateCut();
    update();
}

void CubeView::setRotation(double yawDegrees, double pitchDegrees)
{
    projection_.setRotation(yawDegrees, pitchDegrees);
    updateCut();
    update();
}

void CubeView::setZoom(double zoom)
{
    projection_.setZoom(zoom);
    update();
}

void CubeView::setCompact(bool compact)
{
    compact_ = compact;
    colorBar_->setOrientation(compact ? Qt::Horizontal : Qt::Vertical);
    colorBar_->setFont(scaledFont(font(), compact ? 0.85 : 1.05));
    updateTexts();
    relayout();
    updateGeometry();
    update();
}

void CubeView::selectCell(std::int64_t flatIndex)
{
    const std::int64_t count = result_ ? result_->input.numel() : 0;
    if (flatIndex < 0 || flatIndex >= count)
        flatIndex = -1;
    if (flatIndex == selected_)
        return;
    selected_ = flatIndex;
    if (highlightedGroup() != litGroup_)
        rebuildColors();
    else if (source_ == ValueSource::Gradient)
        updateCut(); // the selected cell is kept in view (cutForLitGroup)
    updateTexts();
    update();
    Q_EMIT cellSelected(flatIndex);
}

void CubeView::setLinkedHover(std::int64_t flatIndex)
{
    const std::int64_t count = result_ ? result_->input.numel() : 0;
    if (flatIndex < 0 || flatIndex >= count)
        flatIndex = -1;
    if (flatIndex == linkedHover_)
        return;
    linkedHover_ = flatIndex;
    if (highlightedGroup() != litGroup_)
        rebuildColors();
    updateTexts();
    update();
}

std::int64_t CubeView::highlightedGroup() const
{
    if (!result_ || !result_->ok())
        return -1;
    const std::int64_t active = hovered_ >= 0 ? hovered_ : linkedHover_ >= 0 ? linkedHover_ : selected_;
    if (active < 0 || active >= result_->input.numel())
        return -1;
    return result_->layout->groupOf(active);
}

std::vector<std::int64_t> CubeView::highlightedCells() const
{
    const std::int64_t group = highlightedGroup();
    if (group < 0)
        return {};
    return result_->layout->elementsOf(group);
}

QString CubeView::hoverText() const
{
    if (hovered_ < 0)
        return {};
    QString text = CellInfo::from(result_, hovered_).toPlainText();
    if (grid_.binned())
        text += tr("\n(the drawn cell shows this element, the first of its bin)");
    return text;
}

std::int64_t CubeView::cellAt(const QPointF& pos) const
{
    if (!hasPicture())
        return -1;
    const auto cell = projection_.hitTest(pos);
    if (!cell)
        return -1;
    return grid_.representative(drawnCellIndex(*cell));
}

std::optional<QPointF> CubeView::cellPosition(std::int64_t flatIndex) const
{
    if (!hasPicture() || flatIndex < 0 || !result_ || flatIndex >= result_->input.numel())
        return std::nullopt;
    const auto coords = grid_.cellCoords(grid_.cellOf(flatIndex));
    return projection_.visiblePoint(
        {static_cast<int>(coords[0]), static_cast<int>(coords[1]), static_cast<int>(coords[2])});
}

std::int64_t CubeView::drawnCellIndex(const CubeProjection::Cell& cell) const
{
    return grid_.cellIndex(cell[0], cell[1], cell[2]);
}

// --- per-result and per-highlight preparation --------------------------------------------------

namespace {

/// The 95th percentile of the finite, non-zero |v|; 0 when there are none.
double robustMagnitude(const std::vector<double>& values)
{
    std::vector<double> magnitudes;
    magnitudes.reserve(values.size());
    for (double v : values)
        if (std::isfinite(v) && v != 0.0)
            magnitudes.push_back(std::abs(v));
    if (magnitudes.empty())
        return 0.0;
    const auto k = static_cast<std::ptrdiff_t>(0.95 * static_cast<double>(magnitudes.size() - 1));
    std::nth_element(magnitudes.begin(), magnitudes.begin() + k, magnitudes.end());
    return magnitudes[static_cast<std::size_t>(k)];
}

} // namespace

void CubeView::rebuildValues()
{
    cells_.clearValues();
    shown_ = ValueSource::Input;
    if (!result_ || result_->input.empty())
        return;
    const ResultSnapshot& r = *result_;
    std::function<double(std::int64_t)> values = r.input.reader();
    ValueSource shown = ValueSource::Input;
    if (r.ok() && source_ == ValueSource::Normalized) {
        values = [&r](std::int64_t i) { return r.normalizedAt(i); };
        shown = ValueSource::Normalized;
    } else if (r.ok() && source_ == ValueSource::Output) {
        values = [&r](std::int64_t i) { return r.outputAt(i); };
        shown = ValueSource::Output;
    } else if (source_ == ValueSource::Gradient && r.hasGradient()) {
        values = r.grad_input.reader();
        shown = ValueSource::Gradient;
    }

    shown_ = shown;
    const auto [lo, hi] = cells_.setValues(grid_, values);
    bool saturated = false;
    if (shown == ValueSource::Input) {
        colorMap_.setRange(lo, hi); // x may sit far from 0 (offset data): centre on its midpoint
    } else if (shown == ValueSource::Gradient) {
        // A one-hot dL/dy gives one large dL/dx and many small ones; scaled to the largest, the
        // coupled cells would look white like the untouched ones. Scale to the 95th percentile of
        // the non-zero magnitudes (the peak saturates), so every reached cell shows a colour and
        // only cells the gradient misses stay white.
        const double m = robustMagnitude(cells_.values());
        colorMap_.setRange(m > 0 ? -m : -1.0, m > 0 ? m : 1.0);
        saturated = m > 0 && std::max(std::abs(lo), std::abs(hi)) > m;
    } else {
        const double m = std::max(std::abs(lo), std::abs(hi));
        colorMap_.setRange(-m, m); // x-hat and y: white is exactly 0
    }
    colorBar_->setColorMap(colorMap_);
    colorBar_->setSaturated(saturated); // the one-hot peak lies beyond the gradient's scale
    colorBar_->setTitle(shown == ValueSource::Input            ? QStringLiteral("x")
                            : shown == ValueSource::Normalized ? QStringLiteral("x\u0302")
                            : shown == ValueSource::Output     ? QStringLiteral("y")
                                                               : QStringLiteral("dL/dx"));
}

void CubeView::rebuildColors()
{
    litGroup_ = highlightedGroup();
    cells_.recolor(colorMap_, mode_ == HighlightMode::AllGroups, litGroup_);
    projection_.setCut(cutForLitGroup());
    rebuildImages();
}

CubeProjection::Cut CubeView::cutForLitGroup() const
{
    // The pointer's own cell is on a visible face, and so is its group: keep the cut it was found
    // in, so that the cube does not change under the pointer.
    if (hovered_ >= 0)
        return projection_.cut();
    // The gradient view: the selected cell (a one-hot dL/dy's 1) must be seen, or eval's single
    // reached cell would hide inside the cube.
    if (source_ == ValueSource::Gradient && selected_ >= 0 && selected_ < numel(grid_.shape())) {
        std::vector<std::uint8_t> cell(static_cast<std::size_t>(grid_.cellCount()), 0);
        cell[static_cast<std::size_t>(grid_.cellOf(selected_))] = 1;
        return cutToShow(projection_, grid_, cell);
    }
    return litGroup_ < 0 ? CubeProjection::Cut() : cutToShow(projection_, grid_, cells_.lit());
}

void CubeView::updateCut()
{
    const CubeProjection::Cut cut = cutForLitGroup();
    if (cut == projection_.cut())
        return;
    projection_.setCut(cut);
    rebuildImages();
}

void CubeView::rebuildImages()
{
    faceImages_.rebuild(grid_, projection_, cells_.colors(), cells_.lit(), litGroup_ >= 0);
}

// --- texts and layout ---------------------------------------------------------------------------

bool CubeView::updateTexts()
{
    QString failedModule;
    if (caption_.isEmpty() && result_ && !result_->ok())
        failedModule = QString::fromStdString(moduleName(result_->spec.kind, static_cast<int>(result_->shape.size())));
    const bool changed = texts_.set(
        caption_, failedModule, note_,
        CubeTexts::statusHtml(result_, highlightedGroup(), mode_ == HighlightMode::AllGroups), font(), compact_);
    // A lit group's line may wrap to more lines than the hint it replaces (Chinese does at 1366 px):
    // the cube gives way rather than the text being cut.
    if (!compact_ && !statusRect_.isEmpty()
        && std::abs(texts_.statusHeight(statusRect_.width()) - statusRect_.height()) > 0.5)
        relayout();
    return changed;
}

void CubeView::updateHoverText()
{
    if (hovered_ >= 0) {
        if (!overlay_)
            overlay_ = new CubeHoverOverlay(this);
        overlay_->setElement(result_, hovered_, grid_.binned(), scaledFont(font(), compact_ ? 0.9 : 1.0));
    }
    syncOverlay();
}

void CubeView::syncOverlay()
{
    const bool shown = hovered_ >= 0 && !dragging_ && error_.isEmpty() && isVisible();
    if (!overlay_)
        return;
    if (shown)
        overlay_->showNear(mousePos_, colorBar_->isVisible() ? colorBar_->geometry() : QRect());
    else
        overlay_->hide();
}

void CubeView::hideEvent(QHideEvent*)
{
    if (overlay_)
        overlay_->hide();
}

void CubeView::relayout()
{
    const QRectF r = QRectF(rect()).adjusted(8, 6, -8, -6);
    double top = r.top();
    captionRect_ = QRectF();
    noteRect_ = QRectF();
    captionRect_ =
        QRectF(r.left(), top, r.width(), std::max(captionReserve_, texts_.captionHeight(r.width(), compact_)));
    top = captionRect_.bottom() + 2;
    if (!note_.isEmpty()) {
        noteRect_ = QRectF(r.left(), top, r.width(), texts_.noteHeight(r.width()));
        top = noteRect_.bottom() + 2;
    }

    double bottom = r.bottom();
    statusRect_ = QRectF();
    if (!compact_) {
        const double h = texts_.statusHeight(r.width());
        statusRect_ = QRectF(r.left(), bottom - h, r.width(), h);
        bottom = statusRect_.top() - 4;
    }

    // The bar's place stays reserved while the bar is hidden, so the cube does not jump when the
    // highlight mode changes.
    double right = r.right();
    colorBar_->setVisible(hasPicture() && mode_ == HighlightMode::HoveredGroup);
    if (hasPicture()) {
        const QSize hint = colorBar_->sizeHint();
        if (compact_) {
            colorBar_->setGeometry(QRectF(r.left() + 4, bottom - hint.height(), r.width() - 8, hint.height()).toRect());
            bottom -= hint.height() + 4;
        } else {
            const double h = std::min(340.0, std::max(80.0, bottom - top - 20));
            colorBar_->setGeometry(
                QRectF(r.right() - hint.width(), top + (bottom - top - h) / 2, hint.width(), h).toRect());
            right -= hint.width() + 8;
        }
    }
    cubeRect_ = QRectF(r.left(), top, std::max(10.0, right - r.left()), std::max(10.0, bottom - top));

    const CubeAxisLabels::Margins m = labelMargins(cubeRect_.width(), cubeRect_.height());
    projection_.setViewport(cubeRect_.adjusted(m.left, 8, -m.right, -m.bottom));

    // A narrow compact cube leaves height to spare: keep its colour bar right beneath it and centre
    // the pair vertically.
    const double slack = projection_.viewport().height() - projection_.fittedSize().height() / projection_.zoom();
    if (compact_ && colorBar_->isVisibleTo(this) && slack > 2) {
        cubeRect_.translate(0, slack / 2);
        cubeRect_.setHeight(cubeRect_.height() - slack);
        QRectF vp = projection_.viewport();
        vp.translate(0, slack / 2);
        vp.setHeight(vp.height() - slack);
        projection_.setViewport(vp);
        colorBar_->move(colorBar_->x(), static_cast<int>(cubeRect_.bottom() + 4));
    }
}

std::array<QRectF, 5> CubeView::layoutRects() const
{
    return {captionRect_, noteRect_, statusRect_, cubeRect_, projection_.viewport()};
}

double CubeView::captionHeightAt(int width) const
{
    return texts_.captionHeight(width - 16.0, compact_); // relayout()'s margins
}

void CubeView::setCaptionReserve(double height)
{
    if (height == captionReserve_)
        return;
    captionReserve_ = height;
    relayout();
    updateGeometry();
    update();
}

CubeAxisLabels::Margins CubeView::labelMargins(double width, double height) const
{
    return CubeAxisLabels::margins(font(), grid_, compact_, width, height);
}

bool CubeView::hasHeightForWidth() const
{
    return compact_;
}

int CubeView::heightForWidth(int width) const
{
    if (!compact_)
        return QWidget::heightForWidth(width);
    // The compact cube is usually limited by its width: ask for just the height it then needs,
    // so that a row of them does not spread out vertically.
    const double w = width - 16.0;
    double h = 12;
    h += std::max(captionReserve_, texts_.captionHeight(w, true)) + 2;
    if (!note_.isEmpty())
        h += texts_.noteHeight(w) + 2;
    const CubeAxisLabels::Margins m = labelMargins(w, 1e9);
    const QSizeF world = projection_.fittedWorldSize();
    h += 8 + std::max(60.0, (w - m.left - m.right) * world.height() / world.width()) + m.bottom;
    h += colorBar_->sizeHint().height() + 4;
    return static_cast<int>(std::ceil(h));
}

void CubeView::resizeEvent(QResizeEvent*)
{
    relayout();
}

// --- painting -----------------------------------------------------------------------------------

void CubeView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);

    texts_.paint(p, captionRect_, noteRect_, statusRect_);

    if (hasPicture()) {
        paintCutEdges(p, projection_);
        faceImages_.paint(p, projection_, compact_, lineScale_);
        paintCutText(p, cutText(), scaledFont(font(), compact_ ? 0.8 : 0.9), cubeRect_);
        CubeAxisLabels::paint(p, font(), grid_, projection_, compact_, size());
        if (error_.isEmpty()) {
            if (selected_ >= 0 && selected_ != hovered_)
                paintCellOutline(p, selected_, QColor(255, 140, 0), 3.2 * lineScale_);
            if (hovered_ >= 0)
                paintCellOutline(p, hovered_, QColor(0, 0, 0), 3.2 * lineScale_);
            else if (linkedHover_ >= 0)
                paintCellOutline(p, linkedHover_, QColor(0, 0, 0), 2.4 * lineScale_);
        }
    } else if (!result_) {
        p.setPen(QColor(110, 110, 110));
        p.setFont(scaledFont(font(), 1.1));
        p.drawText(cubeRect_, Qt::AlignCenter | Qt::TextWordWrap, tr("No tensor yet"));
    }

    if (!error_.isEmpty()) {
        // The refused configuration's input stays visible, dimmed, under the engine's message.
        p.fillRect(cubeRect_, QColor(255, 255, 255, 170));
        const QFont f = scaledFont(font(), compact_ ? 0.9 : 1.1);
        p.setFont(f);
        const QFontMetricsF fm(f);
        const double w = std::min(cubeRect_.width() - 16, compact_ ? cubeRect_.width() : 460.0);
        const QRectF textBounds = fm.boundingRect(QRectF(0, 0, w - 24, 1e6), Qt::TextWordWrap, error_);
        QRectF box(0, 0, w, textBounds.height() + 20);
        box.moveCenter(cubeRect_.center());
        p.setPen(QPen(QColor(180, 30, 30), 2));
        p.setBrush(QColor(255, 244, 244));
        p.drawRoundedRect(box, 6, 6);
        p.setPen(QColor(140, 0, 0));
        p.drawText(box.adjusted(12, 10, -12, -10), Qt::AlignCenter | Qt::TextWordWrap, error_);
    }
}

void CubeView::paintCellOutline(QPainter& p, std::int64_t flatIndex, const QColor& color, double width) const
{
    const auto point = cellPosition(flatIndex);
    if (!point)
        return;
    const auto hit = projection_.hitFace(*point);
    if (!hit)
        return;
    const auto& face = projection_.faces()[static_cast<std::size_t>(hit->face)];
    const QPolygonF quad = face.transform.map(QPolygonF(QRectF(hit->i, hit->j, 1, 1)));
    p.save();
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPolygon(quad);
    p.setPen(QPen(Qt::white, 1.0));
    p.drawPolygon(quad);
    p.restore();
}

} // namespace normscope::ui
