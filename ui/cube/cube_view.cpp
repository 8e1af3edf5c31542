#include "ui/cube/cube_view.h"

#include "ui/document/cell_info.h"
#include "ui/cube/color_bar.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace normscope::ui {

namespace {

constexpr double kDragDegreesPerPixel = 0.45;
constexpr int kClickSlop = 4;

QFont scaledFont(const QFont& base, double factor, bool bold = false)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * factor);
    f.setBold(bold);
    return f;
}

/// A fixed darkening per face direction so the cube reads as a solid (top face lightest).
void shadeImage(QImage& image, int axis)
{
    const int keep = axis == CubeProjection::AxisHW ? 256 : axis == CubeProjection::AxisN ? 222 : 244;
    if (keep == 256)
        return;
    for (int j = 0; j < image.height(); ++j) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(j));
        for (int i = 0; i < image.width(); ++i) {
            const QRgb c = line[i];
            line[i] = qRgb(qRed(c) * keep >> 8, qGreen(c) * keep >> 8, qBlue(c) * keep >> 8);
        }
    }
}

/// The border of the lit cells of a w x h face (lit[j * w + i]), as few straight segments as
/// possible: runs of cell edges along a row or column are merged.
QVector<QLineF> litBorder(const std::vector<std::uint8_t>& lit, int w, int h)
{
    const auto isLit = [&](int i, int j) {
        return i >= 0 && j >= 0 && i < w && j < h && lit[static_cast<std::size_t>(j) * w + i];
    };
    QVector<QLineF> out;
    // Horizontal edges at y = j (between rows j - 1 and j).
    for (int j = 0; j <= h; ++j) {
        int runStart = -1;
        for (int i = 0; i <= w; ++i) {
            const bool edge = i < w && isLit(i, j - 1) != isLit(i, j);
            if (edge && runStart < 0)
                runStart = i;
            if (!edge && runStart >= 0) {
                out.append(QLineF(runStart, j, i, j));
                runStart = -1;
            }
        }
    }
    // Vertical edges at x = i.
    for (int i = 0; i <= w; ++i) {
        int runStart = -1;
        for (int j = 0; j <= h; ++j) {
            const bool edge = j < h && isLit(i - 1, j) != isLit(i, j);
            if (edge && runStart < 0)
                runStart = j;
            if (!edge && runStart >= 0) {
                out.append(QLineF(i, runStart, i, j));
                runStart = -1;
            }
        }
    }
    return out;
}

/// Smallest and largest finite value; (inf, -inf) when there is none. Written so the compiler
/// vectorises the common all-finite case (NaN fails both comparisons and drops out by itself).
std::pair<double, double> finiteRange(const double* v, std::int64_t count)
{
    constexpr double kInf = std::numeric_limits<double>::infinity();
    double lo[4] = {kInf, kInf, kInf, kInf}, hi[4] = {-kInf, -kInf, -kInf, -kInf};
    std::int64_t i = 0;
    for (; i + 4 <= count; i += 4)
        for (int k = 0; k < 4; ++k) {
            lo[k] = v[i + k] < lo[k] ? v[i + k] : lo[k];
            hi[k] = v[i + k] > hi[k] ? v[i + k] : hi[k];
        }
    for (; i < count; ++i) {
        lo[0] = v[i] < lo[0] ? v[i] : lo[0];
        hi[0] = v[i] > hi[0] ? v[i] : hi[0];
    }
    double a = std::min(std::min(lo[0], lo[1]), std::min(lo[2], lo[3]));
    double b = std::max(std::max(hi[0], hi[1]), std::max(hi[2], hi[3]));
    if (std::isfinite(a) && std::isfinite(b))
        return {a, b};
    // Rare: an infinity among the values. Take the slow path that skips it.
    a = kInf;
    b = -kInf;
    for (std::int64_t k = 0; k < count; ++k) {
        if (!std::isfinite(v[k]))
            continue;
        a = std::min(a, v[k]);
        b = std::max(b, v[k]);
    }
    return {a, b};
}

} // namespace

CubeView::CubeView(QWidget* parent) : QWidget(parent), colorBar_(new ColorBar(this))
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::ClickFocus);
    colorBar_->setAttribute(Qt::WA_TransparentForMouseEvents);
    colorBar_->hide();
    for (QTextDocument* doc : {&captionDoc_, &noteDoc_, &statusDoc_, &overlayDoc_})
        doc->setDocumentMargin(0);
    overlayDoc_.setDocumentMargin(6);
    updateTexts();
    relayout();
}

CubeView::~CubeView() = default;

QSize CubeView::sizeHint() const
{
    return compact_ ? QSize(260, 360) : QSize(720, 560);
}

QSize CubeView::minimumSizeHint() const
{
    return compact_ ? QSize(120, 200) : QSize(320, 260);
}

// --- state --------------------------------------------------------------------------------------

void CubeView::setResult(ResultPtr result)
{
    result_ = std::move(result);
    error_.clear();
    caption_.clear();
    note_.clear();

    if (!result_) {
        grid_ = CubeGrid();
        cellValues_.clear();
        cellGroups_.clear();
        cellColors_.clear();
        cellLit_.clear();
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
        error_ = QString::fromStdString(r.error.empty() ? std::string("The engine refused this configuration.") : r.error);
    else
        caption_ = QString::fromStdString(r.layout->describe());

    grid_ = CubeGrid(r.input.empty() ? r.shape : r.input.shape());
    note_ = grid_.note();
    projection_.setCells(grid_.cells(0), grid_.cells(1), grid_.cells(2));

    const std::int64_t count = r.input.numel();
    const std::int64_t oldSelected = selected_, oldHovered = hovered_;
    if (selected_ >= count)
        selected_ = -1;
    if (linkedHover_ >= count)
        linkedHover_ = -1;
    if (hovered_ >= count)
        hovered_ = -1;

    cellGroups_.assign(static_cast<std::size_t>(grid_.cellCount()), -1);
    if (r.ok() && !r.input.empty()) {
        const StatsLayout& layout = *r.layout;
        for (std::int64_t cell = 0; cell < grid_.cellCount(); ++cell)
            cellGroups_[static_cast<std::size_t>(cell)] = layout.groupOf(grid_.representative(cell));
    }

    rebuildValues();
    rebuildColors();
    updateTexts();
    relayout();
    if (compact_)
        updateGeometry();   // another shape may need another height for this width
    // The picture under a resting mouse may have changed.
    if (hovered_ >= 0 && underMouse())
        hovered_ = cellAt(mousePos_);
    if (highlightedGroup() != litGroup_)
        rebuildColors();
    updateHoverText();
    updateTexts();
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
    const auto [yaw, pitch] = on ? CubeProjection::explodedRotation(axis)
                                 : std::pair<double, double>(CubeProjection::kDefaultYaw, CubeProjection::kDefaultPitch);
    projection_.setRotation(yaw, pitch);
    if (compact_)
        updateGeometry();
    rebuildImages();
    update();
}

void CubeView::resetView()
{
    projection_.resetView();
    update();
}

void CubeView::setRotation(double yawDegrees, double pitchDegrees)
{
    projection_.setRotation(yawDegrees, pitchDegrees);
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

void CubeView::setCaptionVisible(bool visible)
{
    showCaption_ = visible;
    relayout();
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
        text += QStringLiteral("\n(the drawn cell shows this element, the first of its bin)");
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
    return projection_.visiblePoint({static_cast<int>(coords[0]), static_cast<int>(coords[1]), static_cast<int>(coords[2])});
}

std::int64_t CubeView::drawnCellIndex(const CubeProjection::Cell& cell) const
{
    return grid_.cellIndex(cell[0], cell[1], cell[2]);
}

// --- per-result and per-highlight preparation --------------------------------------------------

void CubeView::rebuildValues()
{
    cellValues_.clear();
    if (!result_ || result_->input.empty())
        return;
    const ResultSnapshot& r = *result_;
    const Tensor<double>* values = &r.input;
    ValueSource shown = ValueSource::Input;
    if (r.ok() && source_ == ValueSource::Normalized && r.normalized.numel() == r.input.numel()) {
        values = &r.normalized;
        shown = ValueSource::Normalized;
    } else if (r.ok() && source_ == ValueSource::Output && r.output.numel() == r.input.numel()) {
        values = &r.output;
        shown = ValueSource::Output;
    }

    cellValues_.resize(static_cast<std::size_t>(grid_.cellCount()));
    const CubeAxis& an = grid_.axis(0);
    const CubeAxis& ac = grid_.axis(1);
    const CubeAxis& as = grid_.axis(2);
    std::size_t cell = 0;
    for (std::int64_t n = 0; n < an.bins; ++n)
        for (std::int64_t c = 0; c < ac.bins; ++c) {
            const double* row = values->data() + (an.firstOf(n) * ac.length + ac.firstOf(c)) * as.length;
            for (std::int64_t s = 0; s < as.bins; ++s)
                cellValues_[cell++] = row[as.firstOf(s)];
        }

    // The colour range of the drawn cells: every element when the tensor is drawn in full, the
    // sampled ones otherwise (a full pass over millions of values would cost more than the rest of
    // the update, and only drawn values need a colour).
    auto [lo, hi] = finiteRange(cellValues_.data(), static_cast<std::int64_t>(cellValues_.size()));
    if (shown == ValueSource::Input) {
        colorMap_.setRange(lo, hi);   // x may sit far from 0 (offset data): centre on its midpoint
    } else {
        const double m = std::max(std::abs(lo), std::abs(hi));
        colorMap_.setRange(-m, m);    // x-hat and y: white is exactly 0
    }
    colorBar_->setColorMap(colorMap_);
    colorBar_->setTitle(shown == ValueSource::Input ? QStringLiteral("x")
                        : shown == ValueSource::Normalized ? QStringLiteral("x\u0302")
                                                           : QStringLiteral("y"));
}

void CubeView::rebuildColors()
{
    litGroup_ = highlightedGroup();
    const auto count = cellValues_.size();
    cellColors_.resize(count);
    cellLit_.assign(count, 0);
    const bool byGroup = mode_ == HighlightMode::AllGroups;
    const double centre = colorMap_.centre(), half = 0.5 * (colorMap_.upper() - colorMap_.lower());
    for (std::size_t cell = 0; cell < count; ++cell) {
        const double v = cellValues_[cell];
        const std::int64_t group = cellGroups_.empty() ? -1 : cellGroups_[cell];
        QRgb color = byGroup && group >= 0 ? ColorMap::groupColor(group, std::isfinite(v) ? (v - centre) / half : 0)
                                           : colorMap_.color(v);
        if (litGroup_ >= 0) {
            if (group == litGroup_)
                cellLit_[cell] = 1;
            else
                color = ColorMap::dimmed(color, byGroup ? 0.6 : 0.82);
        }
        cellColors_[cell] = color;
    }
    rebuildImages();
}

void CubeView::rebuildImages()
{
    faceImages_.clear();
    if (cellColors_.empty())
        return;
    const int explodeAxis = projection_.explodeAxis();
    const int slices = projection_.exploded() ? projection_.cells(explodeAxis) : 1;
    faceImages_.resize(static_cast<std::size_t>(slices) * 6);
    const bool outline = litGroup_ >= 0;

    for (int slice = 0; slice < slices; ++slice) {
        CubeProjection::Box box{{0, 0, 0}, {grid_.cells(0), grid_.cells(1), grid_.cells(2)}};
        if (projection_.exploded()) {
            box.lo[static_cast<std::size_t>(explodeAxis)] = slice;
            box.hi[static_cast<std::size_t>(explodeAxis)] = slice + 1;
        }
        for (int axis = 0; axis < 3; ++axis) {
            const auto [uAxis, vAxis] = CubeProjection::faceAxes(axis);
            const auto a = static_cast<std::size_t>(axis), u = static_cast<std::size_t>(uAxis),
                       v = static_cast<std::size_t>(vAxis);
            const int w = box.hi[u] - box.lo[u], h = box.hi[v] - box.lo[v];
            for (const bool hiSide : {false, true}) {
                FaceImage& fi = faceImages_[static_cast<std::size_t>(slice * 6 + axis * 2 + (hiSide ? 1 : 0))];
                fi.image = QImage(w, h, QImage::Format_RGB32);
                CubeProjection::Cell cell{};
                cell[a] = hiSide ? box.hi[a] - 1 : box.lo[a];
                std::vector<std::uint8_t> lit(outline ? static_cast<std::size_t>(w) * h : 0);
                for (int j = 0; j < h; ++j) {
                    auto* line = reinterpret_cast<QRgb*>(fi.image.scanLine(j));
                    cell[v] = box.lo[v] + j;
                    for (int i = 0; i < w; ++i) {
                        cell[u] = box.lo[u] + i;
                        const auto index = static_cast<std::size_t>(drawnCellIndex(cell));
                        line[i] = cellColors_[index];
                        if (outline)
                            lit[static_cast<std::size_t>(j) * w + i] = cellLit_[index];
                    }
                }
                shadeImage(fi.image, axis);
                if (outline)
                    fi.litEdges = litBorder(lit, w, h);
            }
        }
    }
}

const CubeView::FaceImage* CubeView::faceImage(const CubeProjection::Face& face) const
{
    const auto& box = projection_.boxes()[static_cast<std::size_t>(face.box)];
    const int slice = projection_.exploded() ? box.lo[static_cast<std::size_t>(projection_.explodeAxis())] : 0;
    const auto index = static_cast<std::size_t>(slice * 6 + face.id());
    return index < faceImages_.size() ? &faceImages_[index] : nullptr;
}

// --- texts and layout ---------------------------------------------------------------------------

QString CubeView::statusText() const
{
    if (!result_)
        return QStringLiteral("No result yet.");
    if (!result_->ok())
        return {};
    const std::int64_t group = highlightedGroup();
    const bool rms = !result_->spec.subtractsMean();
    if (group >= 0) {
        const StatsLayout& layout = *result_->layout;
        const CellInfo info = CellInfo::from(result_, layout.segmentStart(group, 0));
        QString numbers = rms ? QStringLiteral("%1 = %2").arg(info.varName(), formatNumber(info.var))
                              : QStringLiteral("%1 = %2, %3 = %4")
                                    .arg(info.meanName(), formatNumber(info.mean), info.varName(), formatNumber(info.var));
        return QStringLiteral("<b>Lit:</b> group %1 &mdash; the %2 elements that share one %3 (%4)")
            .arg(QString::fromStdString(layout.groupLabel(group)).toHtmlEscaped())
            .arg(layout.groupSize())
            .arg(rms ? QStringLiteral("root mean square") : QStringLiteral("mean and variance"))
            .arg(numbers.toHtmlEscaped());
    }
    if (mode_ == HighlightMode::AllGroups)
        return QStringLiteral("Each colour is one of the %1 groups; hover a cell to pick its group out.")
            .arg(result_->layout->groupCount());
    return QStringLiteral("Hover a cell to light up every element that shares its %1; click to keep it lit.")
        .arg(rms ? QStringLiteral("root mean square") : QStringLiteral("mean and variance"));
}

void CubeView::updateTexts()
{
    const QColor ink(25, 25, 25);
    const QString style = QStringLiteral("<div style='color:%1'>").arg(ink.name());
    QString caption;
    if (!caption_.isEmpty()) {
        const int colon = caption_.indexOf(QLatin1Char(':'));
        const QString name = colon > 0 ? caption_.left(colon) : QString();
        const QString rest = colon > 0 ? caption_.mid(colon + 1).trimmed() : caption_;
        caption = compact_ ? QStringLiteral("<div align='center'><b>%1</b><br><span style='font-size:small'>%2</span></div>")
                                 .arg(name.toHtmlEscaped(), rest.toHtmlEscaped())
                           : QStringLiteral("<b>%1:</b> %2").arg(name.toHtmlEscaped(), rest.toHtmlEscaped());
    } else if (result_ && !result_->ok()) {
        caption = QStringLiteral("<b>%1</b>").arg(QString::fromStdString(moduleName(result_->spec.kind, static_cast<int>(result_->shape.size()))).toHtmlEscaped());
    }
    captionDoc_.setDefaultFont(scaledFont(font(), compact_ ? 1.0 : 1.3));
    captionDoc_.setHtml(style + caption + QStringLiteral("</div>"));

    noteDoc_.setDefaultFont(scaledFont(font(), compact_ ? 0.8 : 0.95));
    noteDoc_.setHtml(note_.isEmpty() ? QString()
                                     : QStringLiteral("<div align='%1' style='color:#7a4a00'><i>%2</i></div>")
                                           .arg(compact_ ? QStringLiteral("center") : QStringLiteral("left"), note_.toHtmlEscaped()));

    statusDoc_.setDefaultFont(scaledFont(font(), 1.05));
    statusDoc_.setHtml(style + statusText() + QStringLiteral("</div>"));
}

void CubeView::updateHoverText()
{
    if (hovered_ < 0) {
        overlayDoc_.clear();
        return;
    }
    overlayDoc_.setDefaultFont(scaledFont(font(), compact_ ? 0.9 : 1.0));
    QString html = CellInfo::from(result_, hovered_).toHtml();
    if (grid_.binned())
        html += QStringLiteral("<div style='color:#7a4a00'><i>the drawn cell shows this element,<br>the first of its bin</i></div>");
    overlayDoc_.setHtml(html);
    overlayDoc_.adjustSize();
}

void CubeView::relayout()
{
    const QRectF r = QRectF(rect()).adjusted(8, 6, -8, -6);
    double top = r.top();
    captionRect_ = QRectF();
    noteRect_ = QRectF();
    if (showCaption_) {
        captionDoc_.setTextWidth(r.width());
        double h = captionDoc_.size().height();
        if (compact_) {
            // Side by side cubes line up when their captions take the same room: the name and
            // four lines of the rule.
            const QFontMetricsF name(scaledFont(captionDoc_.defaultFont(), 1.0, true));
            const QFontMetricsF rule(scaledFont(captionDoc_.defaultFont(), 0.85));
            h = std::max(h, name.lineSpacing() + 4 * rule.lineSpacing());
        }
        captionRect_ = QRectF(r.left(), top, r.width(), h);
        top = captionRect_.bottom() + 2;
    }
    if (showCaption_ && !note_.isEmpty()) {
        noteDoc_.setTextWidth(r.width());
        noteRect_ = QRectF(r.left(), top, r.width(), noteDoc_.size().height());
        top = noteRect_.bottom() + 2;
    }

    double bottom = r.bottom();
    statusRect_ = QRectF();
    if (!compact_) {
        // Two lines, whatever the text: the status changes on every hover and must not move the cube.
        statusDoc_.setTextWidth(r.width());
        const double h = 2 * QFontMetricsF(statusDoc_.defaultFont()).lineSpacing() + 2;
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
            colorBar_->setGeometry(QRectF(r.right() - hint.width(), top + (bottom - top - h) / 2, hint.width(), h).toRect());
            right -= hint.width() + 8;
        }
    }
    cubeRect_ = QRectF(r.left(), top, std::max(10.0, right - r.left()), std::max(10.0, bottom - top));

    const Margins m = labelMargins(cubeRect_.width(), cubeRect_.height());
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

CubeView::Margins CubeView::labelMargins(double width, double height) const
{
    // Room for the axis labels around the cube as the default view places them: H·W on the left
    // (turned upright in the compact form), N below, C below on the right.
    const QFontMetricsF fm(scaledFont(font(), compact_ ? 0.9 : 1.1, true));
    const QString hwLabel = grid_.axisLabel(CubeGrid::AxisHW);
    const double hwWidth = compact_ ? fm.height() : fm.horizontalAdvance(hwLabel);
    const double cap = width * 0.3;
    Margins m;
    m.left = std::min(cap, hwLabel.isEmpty() ? 12.0 : hwWidth + 24);
    m.right = std::min(cap, std::max(12.0, 0.5 * fm.horizontalAdvance(grid_.axisLabel(CubeGrid::AxisC)) + 10));
    m.bottom = std::min(height * 0.3, fm.height() + 22);
    return m;
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
    if (showCaption_) {
        captionDoc_.setTextWidth(w);
        const QFontMetricsF name(scaledFont(captionDoc_.defaultFont(), 1.0, true));
        const QFontMetricsF rule(scaledFont(captionDoc_.defaultFont(), 0.85));
        h += std::max(captionDoc_.size().height(), name.lineSpacing() + 4 * rule.lineSpacing()) + 2;
        if (!note_.isEmpty()) {
            noteDoc_.setTextWidth(w);
            h += noteDoc_.size().height() + 2;
        }
    }
    const Margins m = labelMargins(w, 1e9);
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

    if (!captionRect_.isNull()) {
        p.save();
        p.translate(captionRect_.topLeft());
        captionDoc_.drawContents(&p);
        p.restore();
    }
    if (!noteRect_.isNull()) {
        p.save();
        p.translate(noteRect_.topLeft());
        noteDoc_.drawContents(&p);
        p.restore();
    }
    if (!statusRect_.isNull()) {
        p.save();
        p.translate(statusRect_.topLeft());
        statusDoc_.drawContents(&p, QRectF(QPointF(0, 0), statusRect_.size()));
        p.restore();
    }

    if (hasPicture()) {
        paintCube(p);
        paintAxisLabels(p);
        if (error_.isEmpty()) {
            if (selected_ >= 0 && selected_ != hovered_)
                paintCellOutline(p, selected_, QColor(255, 140, 0), 3.2);
            if (hovered_ >= 0)
                paintCellOutline(p, hovered_, QColor(0, 0, 0), 3.2);
            else if (linkedHover_ >= 0)
                paintCellOutline(p, linkedHover_, QColor(0, 0, 0), 2.4);
        }
    } else if (!result_) {
        p.setPen(QColor(110, 110, 110));
        p.setFont(scaledFont(font(), 1.1));
        p.drawText(cubeRect_, Qt::AlignCenter | Qt::TextWordWrap, QStringLiteral("No tensor yet"));
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
    } else if (hovered_ >= 0 && !dragging_) {
        paintOverlay(p);
    }
}

void CubeView::paintCube(QPainter& p) const
{
    // Antialiased strokes and image edges are costly in the raster engine (they split into many
    // spans); only the few outline strokes get antialiasing, the cells and grid lines are drawn
    // pixel-exact.
    p.save();
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    QPen gridPen(QColor(128, 128, 128), 0);
    QPen edgePen(QColor(40, 40, 40), compact_ ? 1.0 : 1.4);
    edgePen.setCosmetic(true);
    edgePen.setJoinStyle(Qt::MiterJoin);
    QPen litPen(QColor(15, 15, 15), compact_ ? 2.0 : 2.8);
    litPen.setCosmetic(true);
    litPen.setCapStyle(Qt::SquareCap);
    QVector<QLineF> gridLines;

    for (const CubeProjection::Face& face : projection_.faces()) {
        const FaceImage* fi = faceImage(face);
        if (!fi)
            continue;
        const QTransform& t = face.transform;
        p.setTransform(t);
        p.setRenderHint(QPainter::Antialiasing, false);
        p.drawImage(QPointF(0, 0), fi->image);

        // Grid lines only where the cells are large enough on screen to keep them apart.
        const double det = std::abs(t.m11() * t.m22() - t.m12() * t.m21());
        const double spacingU = det / std::max(1e-9, std::hypot(t.m21(), t.m22()));
        const double spacingV = det / std::max(1e-9, std::hypot(t.m11(), t.m12()));
        gridLines.clear();
        if (spacingU >= 6)
            for (int i = 1; i < face.width; ++i)
                gridLines.append(QLineF(i, 0, i, face.height));
        if (spacingV >= 6)
            for (int j = 1; j < face.height; ++j)
                gridLines.append(QLineF(0, j, face.width, j));
        if (!gridLines.isEmpty()) {
            p.setPen(gridPen);
            p.drawLines(gridLines);
        }

        p.setRenderHint(QPainter::Antialiasing, true);
        if (!fi->litEdges.isEmpty()) {
            p.setPen(litPen);
            p.drawLines(fi->litEdges);
        }
        p.setPen(edgePen);
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(0, 0, face.width, face.height));
    }
    p.restore();
}

void CubeView::paintAxisLabels(QPainter& p) const
{
    p.save();
    const QFont f = scaledFont(font(), compact_ ? 0.9 : 1.1, true);
    p.setFont(f);
    const QFontMetricsF fm(f);
    const QColor ink(30, 30, 30);
    for (int axis = 0; axis < 3; ++axis) {
        const QString label = grid_.axisLabel(axis);
        if (label.isEmpty())
            continue;
        const auto edge = projection_.labelEdge(axis);
        const QPointF offset = edge.outward * (compact_ ? 7.0 : 11.0);
        const QPointF from = edge.from + offset, to = edge.to + offset;
        const QPointF along = to - from;
        const double length = std::hypot(along.x(), along.y());
        if (length > 14) {
            // An arrow from index 0 towards the last index.
            const QPointF dir = along / length;
            const QPointF normal(-dir.y(), dir.x());
            p.setPen(QPen(ink, 1.3));
            p.drawLine(from + dir * 2, to - dir * 2);
            QPainterPath head;
            head.moveTo(to);
            head.lineTo(to - dir * 8 + normal * 3.5);
            head.lineTo(to - dir * 8 - normal * 3.5);
            head.closeSubpath();
            p.fillPath(head, ink);
        }
        // In the narrow compact form the vertical axis' label is turned to run along its edge.
        const bool upright = compact_ && axis == CubeGrid::AxisHW;
        const QSizeF text(fm.horizontalAdvance(label) + 4, fm.height());
        const QSizeF size = upright ? text.transposed() : text;
        const double distance = std::abs(edge.outward.x()) * size.width() / 2 + std::abs(edge.outward.y()) * size.height() / 2;
        QRectF box(QPointF(0, 0), size);
        box.moveCenter(0.5 * (from + to) + edge.outward * (distance + 5));
        // Never off the widget, even for a long exploded cube.
        box.moveLeft(std::clamp(box.left(), 2.0, std::max(2.0, width() - box.width() - 2)));
        box.moveTop(std::clamp(box.top(), 2.0, std::max(2.0, height() - box.height() - 2)));
        p.setPen(ink);
        if (upright) {
            p.save();
            p.translate(box.center());
            p.rotate(-90);
            p.drawText(QRectF(QPointF(-text.width() / 2, -text.height() / 2), text), Qt::AlignCenter, label);
            p.restore();
        } else {
            p.drawText(box, Qt::AlignCenter, label);
        }
    }
    p.restore();
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

void CubeView::paintOverlay(QPainter& p) const
{
    if (overlayDoc_.isEmpty())
        return;
    const QSizeF size = overlayDoc_.size();
    QPointF topLeft = mousePos_ + QPointF(18, 18);
    if (topLeft.x() + size.width() > width() - 4)
        topLeft.setX(mousePos_.x() - 18 - size.width());
    if (topLeft.y() + size.height() > height() - 4)
        topLeft.setY(height() - 4 - size.height());
    topLeft.setX(std::max(4.0, topLeft.x()));
    topLeft.setY(std::max(4.0, topLeft.y()));
    const QRectF box(topLeft, size);
    p.save();
    p.setPen(QPen(QColor(90, 90, 90), 1));
    p.setBrush(QColor(255, 255, 250, 238));
    p.drawRoundedRect(box, 5, 5);
    p.translate(topLeft);
    overlayDoc_.drawContents(&p);
    p.restore();
}

// --- interaction --------------------------------------------------------------------------------

void CubeView::setHover(std::int64_t flatIndex, const QPointF& pos)
{
    mousePos_ = pos;
    if (flatIndex == hovered_) {
        if (flatIndex >= 0)
            update();   // the overlay follows the mouse
        return;
    }
    hovered_ = flatIndex;
    updateHoverText();
    if (highlightedGroup() != litGroup_)
        rebuildColors();
    updateTexts();
    update();
    Q_EMIT cellHovered(flatIndex);
}

void CubeView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    pressed_ = true;
    dragging_ = false;
    pressPos_ = event->position();
    pressYaw_ = projection_.yaw();
    pressPitch_ = projection_.pitch();
}

void CubeView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (pressed_ && (event->buttons() & Qt::LeftButton)) {
        const QPointF d = pos - pressPos_;
        if (!dragging_ && d.manhattanLength() > kClickSlop)
            dragging_ = true;
        if (dragging_) {
            mousePos_ = pos;
            projection_.setRotation(pressYaw_ + d.x() * kDragDegreesPerPixel, pressPitch_ + d.y() * kDragDegreesPerPixel);
            update();
            Q_EMIT viewChanged();
        }
        return;
    }
    setHover(cellAt(pos), pos);
}

void CubeView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !pressed_)
        return;
    const bool click = !dragging_;
    pressed_ = dragging_ = false;
    const std::int64_t cell = cellAt(event->position());
    if (click)
        selectCell(cell);
    setHover(cell, event->position());
    update();
}

void CubeView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    if (cellAt(event->position()) >= 0)
        return;   // a double click on a cell is two clicks on it, not a reset
    resetView();
    Q_EMIT viewChanged();
}

void CubeView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    projection_.setZoom(projection_.zoom() * std::pow(1.15, steps));
    setHover(cellAt(event->position()), event->position());
    update();
    Q_EMIT viewChanged();
    event->accept();
}

void CubeView::leaveEvent(QEvent*)
{
    if (!pressed_)
        setHover(-1, mousePos_);
}

} // namespace normscope::ui
