// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/session_file.h"

#include "engine/core/error.h"
#include "engine/core/number_format.h"
#include "engine/io/atomic_file.h"
#include "engine/report/table.h"
#include "ui/document/document.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace normscope::ui {

namespace {

const char* const kFormat = "normscope-session";
const char* const kColorBy[] = {"x", "xhat", "y", "grad"};
const char* const kExplode[] = {"n", "c", "hw"};

// ---- writing ---------------------------------------------------------------------------------

/// Shortest round-trip text; -0 as the string "-0": Qt's JSON reader keeps an integral value as an
/// integer, which has no negative zero ("-0.0" comes back as 0).
std::string number(double v)
{
    if (v == 0 && std::signbit(v))
        return "\"-0\"";
    return jsonNumber(v);
}

std::string optionalNumber(const std::optional<double>& v)
{
    return v ? number(*v) : std::string("null");
}

std::string integers(const Shape& s)
{
    std::string out = "[";
    for (std::size_t i = 0; i < s.size(); ++i)
        out += (i ? ", " : "") + std::to_string(s[i]);
    return out + "]";
}

std::string numbers(const std::vector<double>& values)
{
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i)
        out += (i ? ", " : "") + number(values[i]);
    return out + "]";
}

std::string history(const std::vector<std::vector<double>>& rows)
{
    std::string out = "[";
    for (std::size_t i = 0; i < rows.size(); ++i)
        out += (i ? ",\n      " : "\n      ") + numbers(rows[i]);
    return out + (rows.empty() ? "]" : "\n    ]");
}

std::string str(const std::string& s)
{
    return jsonString(s);
}

std::string tensorBase64(const AnyTensor& t)
{
    return std::visit(
        [](const auto& x) {
            using T = typename std::decay_t<decltype(x)>::value_type;
            QByteArray bytes(static_cast<qsizetype>(x.numel() * static_cast<std::int64_t>(sizeof(T))),
                             Qt::Uninitialized);
            qToLittleEndian<T>(x.data(), x.numel(), bytes.data());
            return bytes.toBase64().toStdString();
        },
        t);
}

// ---- reading ---------------------------------------------------------------------------------

/// Reads one object's fields, naming the field's path in every refusal.
class Reader {
public:
    Reader(QJsonObject object, std::string path) : object_(std::move(object)), path_(std::move(path)) {}

    [[noreturn]] void fail(const std::string& key, const std::string& reason) const
    {
        throw Error("field '" + name(key) + "' " + reason);
    }
    std::string name(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
    bool has(const std::string& key) const { return object_.contains(QString::fromStdString(key)); }
    QJsonValue value(const std::string& key) const
    {
        const QJsonValue v = object_.value(QString::fromStdString(key));
        if (v.isUndefined())
            throw Error("field '" + name(key) + "' is missing");
        return v;
    }
    Reader object(const std::string& key) const
    {
        const QJsonValue v = value(key);
        if (!v.isObject())
            fail(key, "must be an object");
        return Reader(v.toObject(), name(key));
    }
    bool boolean(const std::string& key) const
    {
        const QJsonValue v = value(key);
        if (!v.isBool())
            fail(key, "must be true or false");
        return v.toBool();
    }
    std::string text(const std::string& key) const
    {
        const QJsonValue v = value(key);
        if (!v.isString())
            fail(key, "must be a string");
        return v.toString().toStdString();
    }
    std::int64_t integer(const std::string& key, std::int64_t min, std::int64_t max) const
    {
        return toInteger(value(key), name(key), min, max);
    }
    double real(const std::string& key) const { return toReal(value(key), name(key)); }
    std::optional<double> optionalReal(const std::string& key) const
    {
        const QJsonValue v = value(key);
        return v.isNull() ? std::nullopt : std::optional<double>(toReal(v, name(key)));
    }
    std::vector<double> reals(const std::string& key) const { return toReals(value(key), name(key)); }
    QJsonArray array(const std::string& key) const
    {
        const QJsonValue v = value(key);
        if (!v.isArray())
            fail(key, "must be an array");
        return v.toArray();
    }
    Shape shape(const std::string& key) const
    {
        Shape s;
        const QJsonArray a = array(key);
        for (qsizetype i = 0; i < a.size(); ++i)
            s.push_back(toInteger(a[i], name(key) + "[" + std::to_string(i) + "]", 1, Document::kMaxElements));
        return s;
    }

    static std::int64_t toInteger(const QJsonValue& v, const std::string& what, std::int64_t min, std::int64_t max)
    {
        // Qt keeps a JSON integer as a 64-bit integer; a fraction or exponent makes it a double.
        const QVariant variant = v.toVariant();
        if (!v.isDouble() || variant.typeId() != QMetaType::LongLong)
            throw Error("field '" + what + "' must be an integer");
        const std::int64_t i = variant.toLongLong();
        if (i < min || i > max)
            throw Error("field '" + what + "' must be in [" + std::to_string(min) + ", " + std::to_string(max)
                        + "], got " + std::to_string(i));
        return i;
    }
    static double toReal(const QJsonValue& v, const std::string& what)
    {
        if (v.isDouble())
            return v.toDouble();
        if (v.isString()) {
            const QString s = v.toString();
            if (s == QLatin1String("NaN"))
                return std::nan("");
            if (s == QLatin1String("Infinity"))
                return HUGE_VAL;
            if (s == QLatin1String("-Infinity"))
                return -HUGE_VAL;
            if (s == QLatin1String("-0"))
                return -0.0;
        }
        throw Error("field '" + what + "' must be a number (or \"NaN\", \"Infinity\", \"-Infinity\", \"-0\")");
    }
    static std::vector<double> toReals(const QJsonValue& v, const std::string& what)
    {
        if (!v.isArray())
            throw Error("field '" + what + "' must be an array of numbers");
        const QJsonArray a = v.toArray();
        std::vector<double> out;
        out.reserve(static_cast<std::size_t>(a.size()));
        for (qsizetype i = 0; i < a.size(); ++i)
            out.push_back(toReal(a[i], what + "[" + std::to_string(i) + "]"));
        return out;
    }

private:
    QJsonObject object_;
    std::string path_;
};

int choiceOf(const Reader& r, const std::string& key, const std::vector<std::string>& choices)
{
    const std::string t = r.text(key);
    for (std::size_t i = 0; i < choices.size(); ++i)
        if (choices[i] == t)
            return static_cast<int>(i);
    std::string list;
    for (std::size_t i = 0; i < choices.size(); ++i)
        list += (i ? ", " : "") + choices[i];
    r.fail(key, "must be one of " + list + ", got '" + t + "'");
}

DType dtypeField(const Reader& r, const std::string& key)
{
    return choiceOf(r, key, {"float32", "float64"}) == 0 ? DType::Float32 : DType::Float64;
}

void checkWindowShape(const Shape& shape, const std::string& what)
{
    if (shape.size() < 2 || shape.size() > 5)
        throw Error(what + ": the window shows inputs of rank 2 to 5 (N, C, ...), got shape " + toString(shape));
    if (numel(shape) > Document::kMaxElements)
        throw Error(what + ": " + std::to_string(numel(shape)) + " elements; the window takes at most "
                    + std::to_string(Document::kMaxElements));
}

std::shared_ptr<const AnyTensor> readTensor(const Reader& r)
{
    const DType dtype = dtypeField(r, "dtype");
    const Shape shape = r.shape("shape");
    checkWindowShape(shape, r.name("shape"));
    const QByteArray encoded = QByteArray::fromStdString(r.text("data"));
    const auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        r.fail("data", "is not valid base64");
    const QByteArray& bytes = *decoded;
    const std::int64_t itemSize = dtype == DType::Float32 ? 4 : 8;
    const std::int64_t expected = numel(shape) * itemSize;
    if (bytes.size() != expected)
        r.fail("data",
               "holds " + std::to_string(bytes.size()) + " bytes; shape " + toString(shape) + " of " + toString(dtype)
                   + " takes " + std::to_string(expected));
    if (dtype == DType::Float32) {
        Tensor<float> t(shape);
        qFromLittleEndian<float>(bytes.constData(), t.numel(), t.data());
        return std::make_shared<const AnyTensor>(std::move(t));
    }
    Tensor<double> t(shape);
    qFromLittleEndian<double>(bytes.constData(), t.numel(), t.data());
    return std::make_shared<const AnyTensor>(std::move(t));
}

/// Refuses a list that is neither empty (PyTorch's initial values) nor `count` long.
void checkCount(const std::vector<double>& values, std::int64_t count, const std::string& what)
{
    if (!values.empty() && count >= 0 && static_cast<std::int64_t>(values.size()) != count)
        throw Error("field '" + what + "' has " + std::to_string(values.size()) + " values; the module takes "
                    + std::to_string(count));
}

UpstreamGradient readGradient(const Reader& r, const Shape& inputShape)
{
    UpstreamGradient g;
    const std::string kind = r.text("kind");
    const auto k = parseGradKind(kind);
    if (!k || *k == GradKind::None)
        r.fail("kind", "must be ones, onehot, random or file, got '" + kind + "'");
    g.kind = *k;
    if (g.kind == GradKind::OneHot)
        g.index = r.integer("index", 0, numel(inputShape) - 1);
    if (g.kind == GradKind::Random)
        g.seed = static_cast<std::uint64_t>(r.integer("seed", 0, static_cast<std::int64_t>(kMaxSeed)));
    if (g.kind == GradKind::File) {
        g.loaded = readTensor(r.object("tensor"));
        if (shapeOf(*g.loaded) != inputShape)
            r.fail("tensor", "has shape " + toString(shapeOf(*g.loaded)) + ", the input " + toString(inputShape));
        g.loadedPath = r.text("loaded_path");
    }
    return g;
}

Session parse(const QJsonObject& root)
{
    Session s;
    Experiment& e = s.experiment;
    const Reader top(root, "");
    const Reader module = top.object("module");
    const std::string norm = module.text("norm");
    const auto kind = parseNormKind(norm);
    if (!kind)
        module.fail("norm", "must be batch, layer, instance, group or rms, got '" + norm + "'");
    e.spec.kind = *kind;
    e.spec.num_groups = module.integer("num_groups", 1, Document::kMaxElements);
    e.spec.normalized_shape = module.shape("normalized_shape");
    e.spec.eps = module.optionalReal("eps");
    e.spec.momentum = module.optionalReal("momentum");
    e.spec.affine = module.boolean("affine");
    e.spec.track_running_stats = module.boolean("track_running_stats");
    e.spec.mode = choiceOf(module, "mode", {"training", "eval"}) == 0 ? Mode::Training : Mode::Eval;

    const Reader input = top.object("input");
    e.shape = input.shape("shape");
    checkWindowShape(e.shape, input.name("shape"));
    e.dtype = dtypeField(input, "dtype");
    const Reader gen = input.object("generator");
    const std::string generator = gen.text("kind");
    const auto g = parseGeneratorKind(generator);
    if (!g)
        gen.fail("kind", "must be normal, uniform, channel-offset or constant-channels, got '" + generator + "'");
    e.recipe.kind = *g;
    e.recipe.mean = gen.real("mean");
    e.recipe.std = gen.real("std");
    e.recipe.low = gen.real("low");
    e.recipe.high = gen.real("high");
    e.recipe.offset_step = gen.real("offset_step");
    e.recipe.scale_step = gen.real("scale_step");
    e.recipe.seed = static_cast<std::uint64_t>(gen.integer("seed", 0, static_cast<std::int64_t>(kMaxSeed)));
    if (input.has("tensor") && !input.value("tensor").isNull()) {
        e.loaded = readTensor(input.object("tensor"));
        if (shapeOf(*e.loaded) != e.shape)
            input.fail("tensor", "has shape " + toString(shapeOf(*e.loaded)) + ", the input " + toString(e.shape));
        e.loadedPath = input.text("loaded_path");
        // Pictures (--image): optional, so sessions saved before it stay readable.
        e.image = input.has("image") && input.boolean("image");
    }

    std::int64_t affineCount = -1;
    try {
        validate(e.spec, e.shape);
        affineCount = numel(affineShape(e.spec, e.shape));
    } catch (const Error&) {
        // A spec the engine refuses is a state the window shows (with its refusal), not a bad file.
    }
    const Reader params = top.object("parameters");
    e.weight = params.reals("weight");
    e.bias = params.reals("bias");
    checkCount(e.weight, affineCount, "parameters.weight");
    checkCount(e.bias, affineCount, "parameters.bias");
    const Reader buffers = top.object("buffers");
    e.running_mean = buffers.reals("running_mean");
    e.running_var = buffers.reals("running_var");
    checkCount(e.running_mean, e.channels(), "buffers.running_mean");
    checkCount(e.running_var, e.channels(), "buffers.running_var");
    e.num_batches_tracked = buffers.integer("num_batches_tracked", 0, std::numeric_limits<std::int64_t>::max());
    for (const char* key : {"running_mean_history", "running_var_history"}) {
        auto& rows = std::string(key) == "running_mean_history" ? e.running_mean_history : e.running_var_history;
        const QJsonArray a = buffers.array(key);
        for (qsizetype i = 0; i < a.size(); ++i) {
            const std::string what = buffers.name(key) + "[" + std::to_string(i) + "]";
            rows.push_back(Reader::toReals(a[i], what));
            if (static_cast<std::int64_t>(rows.back().size()) != e.channels())
                throw Error("field '" + what + "' has " + std::to_string(rows.back().size()) + " values; the input has "
                            + std::to_string(e.channels()) + " channels");
        }
    }
    if (e.running_mean_history.size() != e.running_var_history.size())
        throw Error("fields 'buffers.running_mean_history' and 'buffers.running_var_history' differ in length");

    // The gradient view came later: a session without the field has none.
    if (top.has("gradient") && !top.value("gradient").isNull())
        e.gradient = readGradient(top.object("gradient"), e.shape);

    const Reader view = top.object("view");
    s.view.colorBy = choiceOf(view, "color_by", {kColorBy[0], kColorBy[1], kColorBy[2], kColorBy[3]});
    if (s.view.colorBy == 3 && !e.gradient.on())
        view.fail("color_by", "is 'grad' but the session has no gradient");
    s.view.allGroups = choiceOf(view, "highlight", {"hovered", "all"}) == 1;
    s.view.explodeAxis =
        view.value("explode").isNull() ? -1 : choiceOf(view, "explode", {kExplode[0], kExplode[1], kExplode[2]});
    s.view.compare = view.boolean("compare");
    s.view.select = view.value("select").isNull() ? -1 : view.integer("select", 0, numel(e.shape) - 1);
    return s;
}

bool sameTensorBits(const AnyTensor& a, const AnyTensor& b)
{
    if (a.index() != b.index() || shapeOf(a) != shapeOf(b))
        return false;
    return std::visit(
        [&b](const auto& x) {
            const auto& y = std::get<std::decay_t<decltype(x)>>(b);
            return std::memcmp(x.data(), y.data(), static_cast<std::size_t>(x.numel()) * sizeof(*x.data())) == 0;
        },
        a);
}

bool sameDoubles(const std::vector<double>& a, const std::vector<double>& b)
{
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

bool sameOptional(const std::optional<double>& a, const std::optional<double>& b)
{
    return a.has_value() == b.has_value() && (!a || std::memcmp(&*a, &*b, sizeof(double)) == 0);
}

} // namespace

QByteArray sessionToJson(const Session& session)
{
    const Experiment& e = session.experiment;
    const InputRecipe& r = e.recipe;
    std::string out =
        "{\n  \"format\": \"" + std::string(kFormat) + "\",\n  \"version\": " + std::to_string(kSessionVersion) + ",\n";
    out += "  \"module\": {\"norm\": " + str(e.spec.traits().cliName) + ", \"num_groups\": "
        + std::to_string(e.spec.num_groups) + ", \"normalized_shape\": " + integers(e.spec.normalized_shape)
        + ", \"eps\": " + optionalNumber(e.spec.eps) + ", \"momentum\": " + optionalNumber(e.spec.momentum)
        + ", \"affine\": " + (e.spec.affine ? "true" : "false") + ", \"track_running_stats\": "
        + (e.spec.track_running_stats ? "true" : "false") + ", \"mode\": " + str(toString(e.spec.mode)) + "},\n";
    out += "  \"input\": {\"shape\": " + integers(e.shape) + ", \"dtype\": " + str(toString(e.dtype)) + ",\n";
    out += "    \"generator\": {\"kind\": " + str(toString(r.kind)) + ", \"mean\": " + number(r.mean)
        + ", \"std\": " + number(r.std) + ", \"low\": " + number(r.low) + ", \"high\": " + number(r.high)
        + ", \"offset_step\": " + number(r.offset_step) + ", \"scale_step\": " + number(r.scale_step)
        + ", \"seed\": " + std::to_string(r.seed) + "}";
    if (e.loaded) {
        out += ",\n    \"loaded_path\": " + str(e.loadedPath) + ",\n    \"tensor\": {\"dtype\": "
            + str(toString(dtypeOf(*e.loaded))) + ", \"shape\": " + integers(shapeOf(*e.loaded))
            + ", \"byte_order\": \"little\", \"data\": \"" + tensorBase64(*e.loaded) + "\"}";
        if (e.image)
            out += ",\n    \"image\": true";
    }
    out += "},\n";
    out += "  \"parameters\": {\"weight\": " + numbers(e.weight) + ", \"bias\": " + numbers(e.bias) + "},\n";
    out += "  \"buffers\": {\"running_mean\": " + numbers(e.running_mean) + ", \"running_var\": "
        + numbers(e.running_var) + ", \"num_batches_tracked\": " + std::to_string(e.num_batches_tracked)
        + ",\n    \"running_mean_history\": " + history(e.running_mean_history)
        + ",\n    \"running_var_history\": " + history(e.running_var_history) + "},\n";
    if (e.gradient.on()) {
        const UpstreamGradient& g = e.gradient;
        out += "  \"gradient\": {\"kind\": " + str(gradKindName(g.kind));
        if (g.kind == GradKind::OneHot)
            out += ", \"index\": " + std::to_string(g.index);
        if (g.kind == GradKind::Random)
            out += ", \"seed\": " + std::to_string(g.seed);
        if (g.kind == GradKind::File && g.loaded)
            out += ", \"loaded_path\": " + str(g.loadedPath) + ",\n    \"tensor\": {\"dtype\": "
                + str(toString(dtypeOf(*g.loaded))) + ", \"shape\": " + integers(shapeOf(*g.loaded))
                + ", \"byte_order\": \"little\", \"data\": \"" + tensorBase64(*g.loaded) + "\"}";
        out += "},\n";
    }
    const SessionView& v = session.view;
    out += "  \"view\": {\"color_by\": " + str(kColorBy[std::clamp(v.colorBy, 0, 3)])
        + ", \"highlight\": " + str(v.allGroups ? "all" : "hovered") + ", \"explode\": "
        + (v.explodeAxis >= 0 && v.explodeAxis < 3 ? str(kExplode[v.explodeAxis]) : std::string("null"))
        + ", \"compare\": " + (v.compare ? "true" : "false")
        + ", \"select\": " + (v.select >= 0 ? std::to_string(v.select) : std::string("null")) + "}\n}\n";
    return QByteArray::fromStdString(out);
}

Session sessionFromJson(const QByteArray& json, const QString& name)
{
    const std::string file = name.toStdString();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw Error(file + ": not a NormScope session (damaged or truncated JSON at byte "
                    + std::to_string(error.offset) + ": " + error.errorString().toStdString() + ")");
    if (!doc.isObject())
        throw Error(file + ": not a NormScope session (the JSON is not an object)");
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("format")).toString() != QLatin1String(kFormat))
        throw Error(file + ": not a NormScope session (\"format\" is not \"" + kFormat + "\")");
    try {
        const QJsonValue version = root.value(QLatin1String("version"));
        const std::int64_t v = Reader::toInteger(version, "version", 1, std::numeric_limits<std::int64_t>::max());
        if (v > kSessionVersion)
            throw Error("it was written by a newer NormScope (session version " + std::to_string(v)
                        + "; this one reads up to " + std::to_string(kSessionVersion) + ")");
        return parse(root);
    } catch (const Error& err) {
        throw Error(file + ": " + err.what());
    }
}

void writeSessionFile(const Session& session, const QString& path)
{
    const QByteArray json = sessionToJson(session);
    writeFileAtomically(path.toStdString(), [&json](std::ostream& out) { out.write(json.constData(), json.size()); });
}

Session readSessionFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(path.toStdString() + ": cannot open: " + file.errorString().toStdString());
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        throw Error(path.toStdString() + ": cannot read: " + file.errorString().toStdString());
    return sessionFromJson(bytes, path);
}

bool sameBits(const Experiment& a, const Experiment& b)
{
    const bool sameSpecBits = a.spec.kind == b.spec.kind && a.spec.num_groups == b.spec.num_groups
        && a.spec.normalized_shape == b.spec.normalized_shape && sameOptional(a.spec.eps, b.spec.eps)
        && sameOptional(a.spec.momentum, b.spec.momentum) && a.spec.affine == b.spec.affine
        && a.spec.track_running_stats == b.spec.track_running_stats && a.spec.mode == b.spec.mode;
    if (!sameSpecBits || a.shape != b.shape || a.dtype != b.dtype || a.loadedPath != b.loadedPath
        || a.num_batches_tracked != b.num_batches_tracked || a.isLoaded() != b.isLoaded() || a.image != b.image)
        return false;
    const InputRecipe &ra = a.recipe, &rb = b.recipe;
    if (ra.kind != rb.kind || ra.seed != rb.seed
        || !sameDoubles({ra.mean, ra.std, ra.low, ra.high, ra.offset_step, ra.scale_step},
                        {rb.mean, rb.std, rb.low, rb.high, rb.offset_step, rb.scale_step}))
        return false;
    if (!sameDoubles(a.weight, b.weight) || !sameDoubles(a.bias, b.bias) || !sameDoubles(a.running_mean, b.running_mean)
        || !sameDoubles(a.running_var, b.running_var) || a.running_mean_history.size() != b.running_mean_history.size()
        || a.running_var_history.size() != b.running_var_history.size())
        return false;
    for (std::size_t i = 0; i < a.running_mean_history.size(); ++i)
        if (!sameDoubles(a.running_mean_history[i], b.running_mean_history[i])
            || !sameDoubles(a.running_var_history[i], b.running_var_history[i]))
            return false;
    if (a.gradient.kind != b.gradient.kind || a.gradient.index != b.gradient.index || a.gradient.seed != b.gradient.seed
        || a.gradient.loadedPath != b.gradient.loadedPath
        || (a.gradient.loaded == nullptr) != (b.gradient.loaded == nullptr))
        return false;
    if (a.gradient.loaded && a.gradient.loaded != b.gradient.loaded
        && !sameTensorBits(*a.gradient.loaded, *b.gradient.loaded))
        return false;
    if (a.loaded && a.loaded != b.loaded) {
        if (a.loaded->index() != b.loaded->index() || shapeOf(*a.loaded) != shapeOf(*b.loaded))
            return false;
        return std::visit(
            [&b](const auto& x) {
                const auto& y = std::get<std::decay_t<decltype(x)>>(*b.loaded);
                return std::memcmp(x.data(), y.data(), static_cast<std::size_t>(x.numel()) * sizeof(*x.data())) == 0;
            },
            *a.loaded);
    }
    return true;
}

} // namespace normscope::ui
