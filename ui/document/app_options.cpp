#include "ui/document/app_options.h"

#include "engine/core/error.h"
#include "engine/io/npy.h"
#include "ui/document/document.h"

#include <QCommandLineParser>

#include <cmath>

namespace normscope::ui {

namespace {

constexpr std::int64_t kMaxWindowElements = Document::kMaxElements;

struct OptionError {
    QString message;
};

double parseNumber(const QString& name, const QString& text)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        throw OptionError{QStringLiteral("--%1: expected a number, got '%2'").arg(name, text)};
    return v;
}

std::int64_t parseInteger(const QString& name, const QString& text, std::int64_t min)
{
    bool ok = false;
    const qlonglong v = text.toLongLong(&ok);
    if (!ok || v < min)
        throw OptionError{QStringLiteral("--%1: expected an integer >= %2, got '%3'").arg(name).arg(min).arg(text)};
    return v;
}

std::optional<double> parseOptionalNumber(const QString& name, const QString& text)
{
    if (text.compare(QStringLiteral("none"), Qt::CaseInsensitive) == 0)
        return std::nullopt;
    return parseNumber(name, text);
}

Shape parseShapeOption(const QString& name, const QString& text)
{
    try {
        return parseShape(text.toStdString(), "--" + name.toStdString());
    } catch (const Error& e) {
        throw OptionError{QString::fromStdString(e.what())};
    }
}

/// "n,c,h,w" (one index per dim) or a flat index, checked against the shape.
std::int64_t parseElementIndex(const QString& text, const Shape& shape)
{
    const QStringList parts = text.split(QLatin1Char(','));
    const auto bad = [&] {
        return OptionError{QStringLiteral("--select: expected a flat index or %1 indices within %2, got '%3'")
                               .arg(shape.size())
                               .arg(QString::fromStdString(toString(shape)), text)};
    };
    std::int64_t flat = 0;
    if (parts.size() == 1) {
        bool ok = false;
        flat = parts[0].trimmed().toLongLong(&ok);
        if (!ok || flat < 0 || flat >= numel(shape))
            throw bad();
        return flat;
    }
    if (static_cast<std::size_t>(parts.size()) != shape.size())
        throw bad();
    for (std::size_t d = 0; d < shape.size(); ++d) {
        bool ok = false;
        const qlonglong i = parts[static_cast<int>(d)].trimmed().toLongLong(&ok);
        if (!ok || i < 0 || i >= shape[d])
            throw bad();
        flat = flat * shape[d] + i;
    }
    return flat;
}

} // namespace

AppOptionsParse parseAppOptions(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "NormScope: see which elements BatchNorm, LayerNorm, InstanceNorm, GroupNorm and RMSNorm\n"
        "normalise together. Options are named as in normscope-cli."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption norm(QStringLiteral("norm"), QStringLiteral("batch, layer, instance, group or rms (default batch)."), QStringLiteral("KIND"));
    const QCommandLineOption shape(QStringLiteral("shape"), QStringLiteral("Generated input shape N,C,H,W (rank 2 to 5; default 4,6,5,5)."), QStringLiteral("N,C,H,W"));
    const QCommandLineOption input(QStringLiteral("input"), QStringLiteral("Input tensor from a .npy file (float32 or float64)."), QStringLiteral("X.npy"));
    const QCommandLineOption groups(QStringLiteral("num-groups"), QStringLiteral("GroupNorm's num_groups (default: a divisor of C)."), QStringLiteral("G"));
    const QCommandLineOption normalized(QStringLiteral("normalized-shape"), QStringLiteral("LayerNorm/RMSNorm normalized_shape (default: the dims after N)."), QStringLiteral("D1,D2,..."));
    const QCommandLineOption eps(QStringLiteral("eps"), QStringLiteral("eps (rms also accepts none)."), QStringLiteral("E"));
    const QCommandLineOption momentum(QStringLiteral("momentum"), QStringLiteral("Running-statistics momentum, or none."), QStringLiteral("M|none"));
    const QCommandLineOption affine(QStringLiteral("affine"), QStringLiteral("Learnable gamma and beta."));
    const QCommandLineOption noAffine(QStringLiteral("no-affine"), QStringLiteral("No gamma and beta."));
    const QCommandLineOption track(QStringLiteral("track-running-stats"), QStringLiteral("Keep running_mean and running_var."));
    const QCommandLineOption noTrack(QStringLiteral("no-track-running-stats"), QStringLiteral("Keep no running statistics."));
    const QCommandLineOption eval(QStringLiteral("eval"), QStringLiteral("The module is in eval() mode."));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Generator seed (default 1)."), QStringLiteral("S"));
    const QCommandLineOption generator(QStringLiteral("generator"), QStringLiteral("normal, uniform, channel-offset or constant-channels."), QStringLiteral("KIND"));
    const QCommandLineOption mean(QStringLiteral("mean"), QStringLiteral("Generator mean (normal, channel-offset, constant-channels)."), QStringLiteral("M"));
    const QCommandLineOption stdOption(QStringLiteral("std"), QStringLiteral("Generator standard deviation."), QStringLiteral("S"));
    const QCommandLineOption dtype(QStringLiteral("dtype"), QStringLiteral("float32 or float64 (default float32)."), QStringLiteral("DTYPE"));
    const QCommandLineOption steps(QStringLiteral("steps"), QStringLiteral("Run K training steps before showing the window."), QStringLiteral("K"));
    const QCommandLineOption compare(QStringLiteral("compare"), QStringLiteral("Open the compare view (all five norms)."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Render the window to OUT.png and exit."), QStringLiteral("OUT.png"));
    const QCommandLineOption colorBy(QStringLiteral("color-by"), QStringLiteral("Colour the cells by x, xhat or y (default x)."), QStringLiteral("x|xhat|y"));
    const QCommandLineOption highlight(QStringLiteral("highlight"), QStringLiteral("Light the hovered group, or every group in its own hue (default hovered)."), QStringLiteral("hovered|all"));
    const QCommandLineOption select(QStringLiteral("select"), QStringLiteral("Select an element, as n,c,h,w (one index per input dim) or a flat index."), QStringLiteral("INDEX"));
    const QCommandLineOption explode(QStringLiteral("explode"), QStringLiteral("Pull the cube apart along n, c or hw."), QStringLiteral("AXIS"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size (default 1400x900)."), QStringLiteral("WxH"));
    parser.addOptions({help, norm, shape, input, groups, normalized, eps, momentum, affine, noAffine, track, noTrack,
                       eval, seed, generator, mean, stdOption, dtype, steps, compare, screenshot, colorBy, highlight,
                       select, explode, size});

    AppOptionsParse out;
    if (!parser.parse(arguments)) {
        out.error = parser.errorText();
        return out;
    }
    if (parser.isSet(help)) {
        out.text = parser.helpText();
        return out;
    }
    if (!parser.positionalArguments().isEmpty()) {
        out.error = QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first());
        return out;
    }

    try {
        AppOptions o;
        Experiment& e = o.experiment;
        if (parser.isSet(shape) && parser.isSet(input))
            throw OptionError{QStringLiteral("--shape and --input both give the input; use one")};
        if (parser.isSet(shape)) {
            e.shape = parseShapeOption(QStringLiteral("shape"), parser.value(shape));
            if (e.shape.size() < 2 || e.shape.size() > 5)
                throw OptionError{QStringLiteral("--shape: expected 2 to 5 dimensions (N,C,...), got %1")
                                      .arg(QString::fromStdString(toString(e.shape)))};
            if (numel(e.shape) > kMaxWindowElements)
                throw OptionError{QStringLiteral("--shape: %1 elements; the window takes at most %2")
                                      .arg(numel(e.shape))
                                      .arg(kMaxWindowElements)};
        }
        if (parser.isSet(dtype)) {
            const QString d = parser.value(dtype);
            if (d == QLatin1String("float32"))
                e.dtype = DType::Float32;
            else if (d == QLatin1String("float64"))
                e.dtype = DType::Float64;
            else
                throw OptionError{QStringLiteral("--dtype: expected float32 or float64, got '%1'").arg(d)};
        }
        if (parser.isSet(input)) {
            try {
                auto t = std::make_shared<const AnyTensor>(readNpy(parser.value(input).toStdString()));
                const Shape s = shapeOf(*t);
                if (s.size() < 2 || s.size() > 5)
                    throw OptionError{QStringLiteral("--input: the window shows inputs of rank 2 to 5 (N, C, ...), got shape %1")
                                          .arg(QString::fromStdString(toString(s)))};
                if (numel(s) > kMaxWindowElements)
                    throw OptionError{QStringLiteral("--input: %1 elements; the window takes at most %2")
                                          .arg(numel(s))
                                          .arg(kMaxWindowElements)};
                e.loaded = t;
                e.loadedPath = parser.value(input).toStdString();
                e.shape = s;
                if (!parser.isSet(dtype))
                    e.dtype = dtypeOf(*t);
            } catch (const Error& err) {
                throw OptionError{QString::fromStdString(err.what())};
            }
        }
        if (parser.isSet(generator)) {
            const auto g = parseGeneratorKind(parser.value(generator).toStdString());
            if (!g)
                throw OptionError{QStringLiteral("--generator: expected normal, uniform, channel-offset or constant-channels, got '%1'")
                                      .arg(parser.value(generator))};
            e.recipe = InputRecipe{};   // the demo's offsets belong to the demo's generator
            e.recipe.kind = *g;
            e.recipe.seed = 1;
        }
        if (parser.isSet(mean))
            e.recipe.mean = parseNumber(QStringLiteral("mean"), parser.value(mean));
        if (parser.isSet(stdOption))
            e.recipe.std = parseNumber(QStringLiteral("std"), parser.value(stdOption));
        if (parser.isSet(seed))
            e.recipe.seed = static_cast<std::uint64_t>(parseInteger(QStringLiteral("seed"), parser.value(seed), 0));

        NormKind kind = NormKind::Batch;
        if (parser.isSet(norm)) {
            const auto k = parseNormKind(parser.value(norm).toStdString());
            if (!k)
                throw OptionError{QStringLiteral("--norm: expected batch, layer, instance, group or rms, got '%1'").arg(parser.value(norm))};
            kind = *k;
        }
        e.spec = defaultSpecFor(kind, e.shape);
        if (parser.isSet(groups))
            e.spec.num_groups = parseInteger(QStringLiteral("num-groups"), parser.value(groups), 1);
        if (parser.isSet(normalized))
            e.spec.normalized_shape = parseShapeOption(QStringLiteral("normalized-shape"), parser.value(normalized));
        if (parser.isSet(eps))
            e.spec.eps = parseOptionalNumber(QStringLiteral("eps"), parser.value(eps));
        if (parser.isSet(momentum))
            e.spec.momentum = parseOptionalNumber(QStringLiteral("momentum"), parser.value(momentum));
        if (parser.isSet(affine) && parser.isSet(noAffine))
            throw OptionError{QStringLiteral("--affine and --no-affine contradict each other")};
        if (parser.isSet(affine) || parser.isSet(noAffine))
            e.spec.affine = parser.isSet(affine);
        if (parser.isSet(track) && parser.isSet(noTrack))
            throw OptionError{QStringLiteral("--track-running-stats and --no-track-running-stats contradict each other")};
        if (parser.isSet(track) || parser.isSet(noTrack))
            e.spec.track_running_stats = parser.isSet(track);
        if (parser.isSet(eval))
            e.spec.mode = Mode::Eval;
        if (parser.isSet(steps))
            o.steps = static_cast<int>(parseInteger(QStringLiteral("steps"), parser.value(steps), 0));
        o.compare = parser.isSet(compare);
        if (parser.isSet(screenshot)) {
            o.screenshot = parser.value(screenshot);
            if (o.screenshot.isEmpty())
                throw OptionError{QStringLiteral("--screenshot: expected a file name")};
        }
        if (parser.isSet(size)) {
            const QStringList wh = parser.value(size).split(QLatin1Char('x'));
            bool okW = false, okH = false;
            const int w = wh.size() == 2 ? wh[0].toInt(&okW) : 0;
            const int h = wh.size() == 2 ? wh[1].toInt(&okH) : 0;
            if (!okW || !okH || w < 200 || h < 200)
                throw OptionError{QStringLiteral("--size: expected WxH such as 1400x900, got '%1'").arg(parser.value(size))};
            o.size = QSize(w, h);
        }
        if (parser.isSet(colorBy)) {
            const int i = static_cast<int>(QStringList{QStringLiteral("x"), QStringLiteral("xhat"), QStringLiteral("y")}
                                               .indexOf(parser.value(colorBy)));
            if (i < 0)
                throw OptionError{QStringLiteral("--color-by: expected x, xhat or y, got '%1'").arg(parser.value(colorBy))};
            o.colorBy = i;
        }
        if (parser.isSet(highlight)) {
            const QString h = parser.value(highlight);
            if (h != QLatin1String("hovered") && h != QLatin1String("all"))
                throw OptionError{QStringLiteral("--highlight: expected hovered or all, got '%1'").arg(h)};
            o.allGroups = h == QLatin1String("all");
        }
        if (parser.isSet(explode)) {
            const int i = static_cast<int>(QStringList{QStringLiteral("n"), QStringLiteral("c"), QStringLiteral("hw")}
                                               .indexOf(parser.value(explode).toLower()));
            if (i < 0)
                throw OptionError{QStringLiteral("--explode: expected n, c or hw, got '%1'").arg(parser.value(explode))};
            o.explodeAxis = i;
        }
        if (parser.isSet(select))
            o.select = parseElementIndex(parser.value(select), e.shape);
        e.conform();
        out.options = std::move(o);
    } catch (const OptionError& err) {
        out.error = err.message;
    }
    return out;
}

} // namespace normscope::ui
