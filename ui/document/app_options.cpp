// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/app_options.h"

#include "engine/core/error.h"
#include "engine/io/npy.h"
#include "engine/io/npz_reader.h"
#include "engine/options/module_options.h"
#include "engine/report/table_format.h"
#include "engine/options/tensor_literal.h"
#include "ui/document/document.h"
#include "ui/document/image_input.h"
#include "ui/document/session_file.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace normscope::ui {

namespace {

constexpr std::int64_t kMaxWindowElements = Document::kMaxElements;

/// The window's own options; the module and its start are normscope-cli forward's (specOptions(),
/// startOptions()), parsed by the same code.
const OptionTable& windowOptions()
{
    static const OptionTable table{
        {"--shape", "N,C,H,W", "generated input of rank 2 to 5 (default 4,6,5,5)"},
        {"--dtype", "float32|float64", "the input's dtype (default float32, or the file's)"},
        {"--generator", "KIND", "normal, uniform, channel-offset or constant-channels"},
        {"--seed", "S", "generator seed (default 1)"},
        {"--mean", "M", "generator mean (normal, channel-offset, constant-channels)"},
        {"--std", "S", "generator standard deviation"},
        {"--compare", "", "open the compare view (all five norms)"},
        {"--color-by", "x|xhat|y|grad", "colour the cells by x, x-hat, y or dL/dx (grad needs a gradient; default x)"},
        {"--highlight", "hovered|all", "light the hovered group, or every group in its own hue"},
        {"--explode", "n|c|hw", "pull the cube apart along an axis"},
        {"--select", "INDEX", "select an element: n,c,h,w (one index per input dim) or a flat index"},
        {"--grad", "ones|onehot|random",
         "the gradient view: dL/dy all ones (L = sum(y)), one-hot at --select (default the first element), or "
         "N(0, 1) of --seed; dL/dx, dgamma, dbeta as PyTorch autograd computes them"},
        {"--grad-output", "G.npy",
         "the gradient view with dL/dy from a file of the input's shape (a NormScope extension, named as "
         "normscope-cli forward's)"},
        {"--size", "WxH", "window size (default 1400x900, or the screen's free area if smaller)"},
        {"--screenshot", "OUT.png", "render the window to OUT.png once the result is in, and exit"},
        {"--export-code", "FILE.py",
         "write the PyTorch code that rebuilds this state (long tensors as .npy beside it), "
         "and exit"},
        {"--open", "FILE.normscope",
         "open a session (also as a positional argument); the options that set the state are refused with it"},
        {"--save-session", "FILE.normscope", "write the session once the result is in, and exit"},
        {"--export-table", "FILE",
         "write the statistics table (with --compare the comparison table), format by extension (.csv, .tsv, "
         ".md, .tex, .json, .html), and exit"},
        {"--export-figure", "FILE", "write the --figure view as .png, .svg or .pdf (vector), and exit"},
        {"--figure", "cube|compare|histogram|group-stats|running-stats|tensor|window",
         "the view --export-figure writes (default cube, or compare with --compare)"},
        {"--figure-scale", "1|2|3", "pixels per window pixel of a .png figure (default 1)"},
        {"--export-tensors", "FILE.npz",
         "write x, xhat, y, mean, var, rstd, weight, bias, running_mean, running_var, num_batches_tracked "
         "(where they exist; with a gradient also grad_output, grad_input, grad_weight, grad_bias) in the input's "
         "dtype, and exit"},
        {"--tensor", "LITERAL", "the input typed in: [[0,1,2],[3,4,5]], tensor([...]) or arange(12).reshape(2,2,3)"},
        {"--image", "FILE[,FILE...]",
         "pictures as the input: 1x3xHxW in [0, 1] (1x1xHxW grayscale), several of one size a batch; "
         "scaled down to the window's limit"},
        {"--lang", "en|zh_CN", "the window's language, lessons included (default: the last chosen, else the system's)"},
        {"--list-lessons", "", "print each lesson as ID<TAB>title and exit"},
        {"--presenter", "", "start in presenter mode: full screen, large text (F11 leaves it)"},
        {"--lesson", "ID", "open a lesson (--list-lessons names them)"},
        {"--lesson-step", "K", "open the lesson at step K (1-based; default 1)"},
    };
    return table;
}

std::string helpText()
{
    return "usage: normscope [options] [FILE.normscope]\n\n"
           "NormScope: see which elements BatchNorm, LayerNorm, InstanceNorm, GroupNorm and RMSNorm\n"
           "normalise together. The module and its start take normscope-cli forward's options, parsed by\n"
           "the same code. Without --input the window generates a demo input; without --norm it shows\n"
           "batch; without --num-groups / --normalized-shape it picks them from the input (num_groups a\n"
           "divisor of C, normalized_shape the dims after N, at most 3).\n\n"
           "The module (PyTorch's constructor arguments):\n"
        + formatOptionHelp(specOptions()) + "Its input and starting state (--steps K shows the K-th pass):\n"
        + formatOptionHelp(startOptions()) + "The window:\n" + formatOptionHelp(windowOptions())
        + formatOptionHelp({{"-h, --help", "", "show this help"}})
        + "A bad option exits with status 2 and one line on stderr.\n";
}

/// "n,c,h,w" (one index per dim) or a flat index, checked against the shape.
std::int64_t parseElementIndex(const std::string& text, const Shape& shape)
{
    const auto bad = [&] {
        return Error("--select: expected a flat index or " + std::to_string(shape.size()) + " indices within "
                     + toString(shape) + ", got '" + text + "'");
    };
    std::vector<std::int64_t> parts;
    for (std::size_t begin = 0; begin <= text.size();) {
        const std::size_t end = std::min(text.find(',', begin), text.size());
        const QString part = QString::fromStdString(text.substr(begin, end - begin)).trimmed();
        bool ok = false;
        parts.push_back(part.toLongLong(&ok));
        if (!ok)
            throw bad();
        begin = end + 1;
    }
    const Shape bounds = parts.size() == 1 ? Shape{numel(shape)} : shape;
    if (parts.size() != bounds.size())
        throw bad();
    std::int64_t flat = 0;
    for (std::size_t d = 0; d < bounds.size(); ++d) {
        if (parts[d] < 0 || parts[d] >= bounds[d])
            throw bad();
        flat = flat * bounds[d] + parts[d];
    }
    return flat;
}

/// The index of `text` among `choices`, or Error naming the option and the choices.
int choice(const CommandLine& cl, const std::string& option, const std::vector<std::string>& choices)
{
    const std::string text = *cl.value(option);
    const auto it = std::find(choices.begin(), choices.end(), text);
    if (it == choices.end()) {
        std::string list;
        for (std::size_t i = 0; i < choices.size(); ++i)
            list += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
        throw Error(option + ": expected " + list + ", got '" + text + "'");
    }
    return static_cast<int>(it - choices.begin());
}

double finiteNumber(const CommandLine& cl, const std::string& option)
{
    const double v = *cl.number(option);
    if (!std::isfinite(v))
        throw Error(option + " must be a finite number, got '" + *cl.value(option) + "'");
    return v;
}

void checkWindowLimits(const std::string& option, const Shape& shape)
{
    if (shape.size() < 2 || shape.size() > 5)
        throw Error(option + ": the window shows inputs of rank 2 to 5 (N, C, ...), got shape " + toString(shape));
    if (numel(shape) > kMaxWindowElements)
        throw Error(option + ": " + std::to_string(numel(shape)) + " elements; the window takes at most "
                    + std::to_string(kMaxWindowElements) + " (NormScope's limit)");
}

std::vector<double> valuesOf(const std::optional<AnyTensor>& t)
{
    if (!t)
        return {};
    return std::visit([](const auto& x) { return std::vector<double>(x.values().begin(), x.values().end()); }, *t);
}

/// --image's value: one file, or several separated by commas (a batch). A name that exists as
/// given is one file even if it holds a comma.
QStringList imagePaths(const std::string& value)
{
    const QString text = QString::fromStdString(value);
    if (QFileInfo::exists(text))
        return {text};
    QStringList paths = text.split(QLatin1Char(','));
    for (const QString& p : paths)
        if (p.isEmpty())
            throw Error("--image: an empty file name in '" + value + "'");
    return paths;
}

/// The headless exports; every file name is checked here, so a bad one is refused before anything
/// is rendered.
void parseExports(const CommandLine& cl, AppOptions& o)
{
    if (const auto path = cl.value("--export-table")) {
        tableFormatForPath(*path);
        o.exportTable = QString::fromStdString(*path);
    }
    if (const auto path = cl.value("--export-tensors")) {
        if (!isNpzPath(*path))
            throw Error("--export-tensors: '" + *path + "' must end in .npz");
        o.exportTensors = QString::fromStdString(*path);
    }
    o.figure = o.compare ? FigureKind::Compare : FigureKind::Cube;
    if (const auto path = cl.value("--export-figure")) {
        figureFormatForPath(*path);
        o.exportFigure = QString::fromStdString(*path);
    } else if (cl.has("--figure") || cl.has("--figure-scale")) {
        throw Error(std::string(cl.has("--figure") ? "--figure" : "--figure-scale") + " needs --export-figure FILE");
    }
    if (const auto name = cl.value("--figure")) {
        const auto kind = parseFigureKind(*name);
        if (!kind)
            throw Error("--figure: expected cube, compare, histogram, group-stats, running-stats, tensor or window, "
                        "got '"
                        + *name + "'");
        o.figure = *kind;
    }
    if (cl.has("--figure-scale"))
        o.figureScale = choice(cl, "--figure-scale", {"1", "2", "3"}) + 1;
}

QSize parseSize(const std::string& size)
{
    const auto x = size.find('x');
    const auto w = x == std::string::npos ? std::nullopt : parseNumber(size.substr(0, x));
    const auto h = x == std::string::npos ? std::nullopt : parseNumber(size.substr(x + 1));
    if (!w || !h || *w != std::floor(*w) || *h != std::floor(*h) || *w < 200 || *h < 200 || *w > 16384 || *h > 16384)
        throw Error("--size: expected WxH such as 1400x900 (each side 200 to 16384), got '" + size + "'");
    return QSize(static_cast<int>(*w), static_cast<int>(*h));
}

/// --grad and --grad-output: the gradient view's dL/dy, after --select and --seed.
void parseGradient(const CommandLine& cl, AppOptions& o)
{
    UpstreamGradient& g = o.experiment.gradient;
    if (cl.has("--grad") && cl.has("--grad-output"))
        throw Error("--grad and --grad-output both give dL/dy; use one");
    if (cl.has("--grad")) {
        static const GradKind kinds[] = {GradKind::Ones, GradKind::OneHot, GradKind::Random};
        g.kind = kinds[choice(cl, "--grad", {"ones", "onehot", "random"})];
        if (g.kind == GradKind::OneHot) {
            if (o.select < 0)
                o.select = 0; // the one-hot cell is the selected one: select it
            g.index = o.select;
        }
        if (g.kind == GradKind::Random && cl.has("--seed"))
            g.seed = o.experiment.recipe.seed;
    }
    if (const auto path = cl.value("--grad-output")) {
        AnyTensor loaded;
        try {
            loaded = readNpy(*path);
        } catch (const Error& err) {
            throw Error(std::string("--grad-output: ") + err.what());
        }
        if (shapeOf(loaded) != o.experiment.shape)
            throw Error("--grad-output: '" + *path + "' has shape " + toString(shapeOf(loaded))
                        + " but the input has shape " + toString(o.experiment.shape) + "; they must be equal");
        g.kind = GradKind::File;
        g.loaded = std::make_shared<const AnyTensor>(std::move(loaded));
        g.loadedPath = *path;
    }
    if (o.colorBy == 3 && !g.on())
        throw Error("--color-by grad needs a gradient: add --grad ones|onehot|random or --grad-output G.npy");
}

/// The window's options that set what a session file holds; refused together with --open.
const std::vector<std::string>& stateOptions()
{
    static const std::vector<std::string> names{"--shape",  "--dtype",   "--generator", "--seed",       "--mean",
                                                "--std",    "--compare", "--color-by",  "--highlight",  "--explode",
                                                "--select", "--image",   "--grad",      "--grad-output"};
    return names;
}

/// --open: the session's state as it was saved. Options that would change that state are refused
/// rather than applied on top, so what opens is always exactly what was saved; the size and the
/// headless outputs combine with it.
AppOptions parseOpen(const CommandLine& cl)
{
    std::vector<std::string> conflicting;
    for (const OptionTable* table : {&specOptions(), &startOptions()})
        for (const OptionInfo& option : *table)
            if (cl.has(option.name))
                conflicting.push_back(option.name);
    for (const std::string& name : stateOptions())
        if (cl.has(name))
            conflicting.push_back(name);
    if (!conflicting.empty())
        throw Error("--open: " + conflicting.front()
                    + " would change the session's saved state; open the session alone or leave out --open");
    AppOptions o;
    o.openSession = QString::fromStdString(*cl.value("--open"));
    const Session session = readSessionFile(o.openSession);
    o.experiment = session.experiment;
    o.colorBy = session.view.colorBy;
    o.allGroups = session.view.allGroups;
    o.explodeAxis = session.view.explodeAxis;
    o.compare = session.view.compare;
    o.select = session.view.select;
    return o;
}

/// A positional FILE.normscope is the session to open and a positional .npy/.npz the input (a
/// double-click in a file manager passes them so: Exec=normscope %f); any other positional argument
/// stays the tokenizer's refusal, as in normscope-cli.
std::vector<std::string> positionalToOpen(std::vector<std::string> args, const std::vector<const OptionTable*>& tables)
{
    const auto takesValue = [&tables](const std::string& name) {
        for (const OptionTable* table : tables)
            for (const OptionInfo& option : *table)
                if (option.name == name)
                    return !option.value.empty();
        return false;
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) == 0) {
            if (a.find('=') == std::string::npos && takesValue(a))
                ++i;
        } else if (a.size() > 10 && a.compare(a.size() - 10, 10, ".normscope") == 0) {
            args.insert(args.begin() + static_cast<std::ptrdiff_t>(i), "--open");
            ++i;
        } else if (a.size() > 4
                   && (a.compare(a.size() - 4, 4, ".npy") == 0 || a.compare(a.size() - 4, 4, ".npz") == 0)) {
            // The desktop entry offers NormScope for .npy files too: a double-clicked array is the input.
            args.insert(args.begin() + static_cast<std::ptrdiff_t>(i), "--input");
            ++i;
        }
    }
    return args;
}

/// Everything but --open and --save-session: the state from the options (the demo's by default) and
/// the window's size and headless outputs.
AppOptions parseOptions(const CommandLine& cl)
{
    AppOptions o;
    Experiment& e = o.experiment;
    if (cl.has("--shape") && cl.has("--input"))
        throw Error("--shape and --input both give the input; use one");
    if (const auto shape = cl.value("--shape")) {
        e.shape = parseShape(*shape, "--shape");
        checkWindowLimits("--shape", e.shape);
    }
    if (cl.has("--dtype"))
        e.dtype = choice(cl, "--dtype", {"float32", "float64"}) == 0 ? DType::Float32 : DType::Float64;
    if (const auto literal = cl.value("--tensor")) {
        if (cl.has("--shape") || cl.has("--input"))
            throw Error(std::string("--tensor and ") + (cl.has("--input") ? "--input" : "--shape")
                        + " both give the input; use one");
        TensorLiteral typed;
        try {
            typed = parseTensorLiteral(*literal);
        } catch (const Error& err) {
            throw Error(std::string("--tensor: ") + err.what());
        }
        checkWindowLimits("--tensor", typed.shape);
        e.shape = typed.shape;
        e.loaded = std::make_shared<const AnyTensor>(toTensor(typed, e.dtype));
        e.loadedPath = kTypedInTensor;
    }

    if (const auto image = cl.value("--image")) {
        for (const char* other : {"--tensor", "--shape", "--input"})
            if (cl.has(other))
                throw Error(std::string("--image and ") + other + " both give the input; use one");
        const QStringList paths = imagePaths(*image);
        ImageInput in;
        try {
            in = readImages(paths, kMaxWindowElements);
        } catch (const Error& err) {
            throw Error(std::string("--image: ") + err.what());
        }
        e.shape = in.shape;
        e.loaded = in.tensor;
        e.loadedPath = paths.join(QLatin1Char(',')).toStdString();
        e.image = true;
        o.note = in.note();
    }

    // The module and its start: normscope-cli forward's options, with the window's defaults for
    // what the CLI requires.
    const ModuleOptions module = parseModuleOptions(cl, ModuleDefaults{NormKind::Batch, e.shape, &defaultSpecFor});
    ModuleStart start = readModuleStart(module);
    if (start.input) {
        checkWindowLimits("--input", start.inputShape);
        if (!cl.has("--dtype"))
            e.dtype = dtypeOf(*start.input);
        e.loaded = std::make_shared<const AnyTensor>(std::move(*start.input));
        e.loadedPath = module.inputPath;
        e.shape = start.inputShape;
    }
    e.spec = start.spec;
    e.weight = valuesOf(start.weight);
    e.bias = valuesOf(start.bias);
    e.running_mean = valuesOf(start.running_mean);
    e.running_var = valuesOf(start.running_var);
    e.num_batches_tracked = start.num_batches_tracked;
    o.steps = static_cast<int>(start.steps);

    if (cl.has("--generator")) {
        const auto g = parseGeneratorKind(*cl.value("--generator"));
        if (!g)
            throw Error("--generator: expected normal, uniform, channel-offset or constant-channels, got '"
                        + *cl.value("--generator") + "'");
        e.recipe = InputRecipe{}; // the demo's offsets belong to the demo's generator
        e.recipe.kind = *g;
        e.recipe.seed = 1;
    }
    if (cl.has("--mean"))
        e.recipe.mean = finiteNumber(cl, "--mean");
    if (cl.has("--std"))
        e.recipe.std = finiteNumber(cl, "--std");
    if (const auto seed = cl.integer("--seed")) {
        if (*seed < 0)
            throw Error("--seed must be >= 0, got " + std::to_string(*seed));
        if (static_cast<std::uint64_t>(*seed) > kMaxSeed)
            throw Error("--seed must be at most 2^53 = " + std::to_string(kMaxSeed) + " (the window's seed field), got "
                        + std::to_string(*seed));
        e.recipe.seed = static_cast<std::uint64_t>(*seed);
    }

    o.compare = cl.flag("--compare");
    if (const auto path = cl.value("--screenshot"))
        o.screenshot = QString::fromStdString(*path);
    if (const auto path = cl.value("--export-code"))
        o.exportCode = QString::fromStdString(*path);
    if (const auto size = cl.value("--size"))
        o.size = parseSize(*size);
    if (cl.has("--color-by"))
        o.colorBy = choice(cl, "--color-by", {"x", "xhat", "y", "grad"});
    if (cl.has("--highlight"))
        o.allGroups = choice(cl, "--highlight", {"hovered", "all"}) == 1;
    if (cl.has("--explode"))
        o.explodeAxis = choice(cl, "--explode", {"n", "c", "hw"});
    if (cl.has("--lang"))
        o.lang = choice(cl, "--lang", {"en", "zh_CN"}) == 0 ? QStringLiteral("en") : QStringLiteral("zh_CN");
    o.listLessons = cl.flag("--list-lessons");
    o.presenter = cl.flag("--presenter");
    if (const auto lesson = cl.value("--lesson"))
        o.lesson = QString::fromStdString(*lesson);
    if (const auto k = cl.integer("--lesson-step")) {
        if (!cl.has("--lesson"))
            throw Error("--lesson-step needs --lesson ID");
        if (*k < 1)
            throw Error("--lesson-step is 1-based: expected 1 or more, got " + std::to_string(*k));
        o.lessonStep = static_cast<int>(std::min<std::int64_t>(*k, 1000000));
    }
    if (const auto select = cl.value("--select"))
        o.select = parseElementIndex(*select, e.shape);
    parseGradient(cl, o);
    e.conform();
    return o;
}

AppOptions parse(const CommandLine& cl)
{
    // The session's state replaces the options' (refused beside --open); the rest is parsed as usual.
    std::optional<AppOptions> session;
    if (cl.has("--open"))
        session = parseOpen(cl);
    AppOptions o = parseOptions(cl);
    if (session) {
        o.experiment = session->experiment;
        o.openSession = session->openSession;
        o.colorBy = session->colorBy;
        o.allGroups = session->allGroups;
        o.explodeAxis = session->explodeAxis;
        o.compare = session->compare;
        o.select = session->select;
        o.steps = 1;
    }
    if (const auto path = cl.value("--save-session"))
        o.saveSession = QString::fromStdString(*path);
    parseExports(cl, o); // after the session: its compare view decides the default figure
    return o;
}

} // namespace

AppOptionsParse parseAppOptions(const QStringList& arguments)
{
    AppOptionsParse out;
    std::vector<std::string> args;
    for (qsizetype i = 1; i < arguments.size(); ++i)
        args.push_back(arguments[i].toStdString());
    if (std::any_of(args.begin(), args.end(), [](const std::string& a) { return a == "--help" || a == "-h"; })) {
        out.text = QString::fromStdString(helpText());
        return out;
    }
    try {
        const std::vector<const OptionTable*> tables{&specOptions(), &startOptions(), &windowOptions()};
        const CommandLine cl(positionalToOpen(args, tables), tables);
        out.options = parse(cl);
    } catch (const Error& err) {
        out.error = QString::fromStdString(err.what());
    }
    return out;
}

bool hasHeadlessOutputs(const AppOptions& options)
{
    return !options.screenshot.isEmpty() || !options.exportCode.isEmpty() || !options.exportTable.isEmpty()
        || !options.exportFigure.isEmpty() || !options.exportTensors.isEmpty() || !options.saveSession.isEmpty();
}

void runStartingSteps(Document& document, const AppOptions& options)
{
    if (options.experiment.spec.updatesRunningStats())
        for (int i = 1; i < options.steps; ++i)
            document.step(false);
    document.waitUntilIdle();
}

} // namespace normscope::ui
