// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/lesson.h"

#include "engine/core/error.h"
#include "engine/core/number_format.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <cmath>

namespace normscope::ui {

namespace {

enum class KeyType { String, Number, Integer, Bool, NumberOrNone, IntegerList };

struct StateKey {
    const char* name;
    KeyType type;
};

/// The window's options a step may set (app_options.cpp parses them); booleans become flag pairs.
const std::vector<StateKey>& stateTable()
{
    static const std::vector<StateKey> table{
        {"norm", KeyType::String},
        {"tensor", KeyType::String},
        {"image", KeyType::String}, // --image: e.g. ":/samples/gradient.png,:/samples/pattern.png"
        {"shape", KeyType::IntegerList},
        {"dtype", KeyType::String},
        {"generator", KeyType::String},
        {"seed", KeyType::Integer},
        {"mean", KeyType::Number},
        {"std", KeyType::Number},
        {"num-groups", KeyType::Integer},
        {"normalized-shape", KeyType::IntegerList},
        {"eps", KeyType::NumberOrNone},
        {"momentum", KeyType::NumberOrNone},
        {"affine", KeyType::Bool},
        {"track-running-stats", KeyType::Bool},
        {"mode", KeyType::String},
        {"steps", KeyType::Integer},
        {"num-batches-tracked", KeyType::Integer},
        {"color-by", KeyType::String},
        {"highlight", KeyType::String},
        {"explode", KeyType::String},
        {"select", KeyType::IntegerList},
        {"compare", KeyType::Bool},
        {"grad", KeyType::String},
    };
    return table;
}

Error lessonError(const QString& file, int step, const QString& what)
{
    QString where = file;
    if (step > 0)
        where += QStringLiteral(", step %1").arg(step);
    return Error((where + QStringLiteral(": ") + what).toStdString());
}

QString numberText(double v)
{
    return QString::fromStdString(formatShortest(v, DType::Float64));
}

bool isInteger(const QJsonValue& v)
{
    return v.isDouble() && std::isfinite(v.toDouble()) && v.toDouble() == std::floor(v.toDouble())
        && std::fabs(v.toDouble()) < 9.0e15;
}

QString integerText(const QJsonValue& v)
{
    return QString::number(static_cast<qint64>(v.toDouble()));
}

/// The value as the window's option value; empty with *why set when the type is wrong.
QString optionValue(const StateKey& key, const QJsonValue& v, QString* why)
{
    switch (key.type) {
    case KeyType::String:
        if (v.isString() && !v.toString().isEmpty())
            return v.toString();
        *why = QStringLiteral("a non-empty string");
        return {};
    case KeyType::Number:
        if (v.isDouble())
            return numberText(v.toDouble());
        *why = QStringLiteral("a number");
        return {};
    case KeyType::Integer:
        if (isInteger(v))
            return integerText(v);
        *why = QStringLiteral("a whole number");
        return {};
    case KeyType::NumberOrNone:
        if (v.isDouble())
            return numberText(v.toDouble());
        if (v.isString() && v.toString() == QLatin1String("none"))
            return v.toString();
        *why = QStringLiteral("a number or \"none\"");
        return {};
    case KeyType::IntegerList: {
        QStringList parts;
        const QJsonArray a = v.toArray();
        for (const QJsonValue& d : a)
            if (isInteger(d))
                parts << integerText(d);
        if (v.isArray() && !a.isEmpty() && parts.size() == a.size())
            return parts.join(QLatin1Char(','));
        *why = QStringLiteral("a non-empty list of whole numbers");
        return {};
    }
    case KeyType::Bool: break;
    }
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    *why = QStringLiteral("true or false");
    return {};
}

/// The state as the window's command line, in the table's order.
QStringList argumentsOf(const QJsonObject& state, const QString& file, int step)
{
    QStringList args;
    for (const StateKey& key : stateTable()) {
        const QString name = QLatin1String(key.name);
        if (!state.contains(name))
            continue;
        QString why;
        const QString value = optionValue(key, state.value(name), &why);
        if (value.isEmpty())
            throw lessonError(file, step, QStringLiteral("state key '%1' must be %2").arg(name, why));
        if (name == QLatin1String("mode")) {
            if (value != QLatin1String("train") && value != QLatin1String("eval"))
                throw lessonError(
                    file, step, QStringLiteral("state key 'mode' must be \"train\" or \"eval\", got '%1'").arg(value));
            if (value == QLatin1String("eval"))
                args << QStringLiteral("--eval");
        } else if (name == QLatin1String("compare")) {
            if (value == QLatin1String("true"))
                args << QStringLiteral("--compare");
        } else if (key.type == KeyType::Bool) {
            args << (value == QLatin1String("true") ? QStringLiteral("--") : QStringLiteral("--no-")) + name;
        } else {
            args << QStringLiteral("--") + name << value;
        }
    }
    return args;
}

LessonText readText(const QJsonValue& value, const QString& file, int step, const QString& what)
{
    if (!value.isObject())
        throw lessonError(file, step, QStringLiteral("'%1' must be an object with \"en\" and \"zh_CN\"").arg(what));
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.key() != QLatin1String("en") && it.key() != QLatin1String("zh_CN"))
            throw lessonError(file, step,
                              QStringLiteral("unknown language '%1' in '%2' (known: en, zh_CN)").arg(it.key(), what));
    LessonText text;
    for (const char* lang : {"en", "zh_CN"}) {
        const QJsonValue v = o.value(QLatin1String(lang));
        if (!v.isString() || v.toString().trimmed().isEmpty())
            throw lessonError(file, step, QStringLiteral("'%1' has no %2 text").arg(what, QLatin1String(lang)));
        try {
            placeholdersIn(v.toString());
        } catch (const Error& e) {
            throw lessonError(
                file, step, QStringLiteral("%1 (%2): %3").arg(what, QLatin1String(lang), QString::fromUtf8(e.what())));
        }
        (lang[0] == 'e' ? text.en : text.zh_CN) = v.toString();
    }
    return text;
}

void checkKeys(const QJsonObject& o, const QStringList& known, const QString& file, int step, const QString& what)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            throw lessonError(file, step,
                              QStringLiteral("unknown key '%1' in %2 (known: %3)")
                                  .arg(it.key(), what, known.join(QStringLiteral(", "))));
}

} // namespace

QString Placeholder::key() const
{
    if (index.empty())
        return name;
    QStringList parts;
    for (const std::int64_t i : index)
        parts << QString::number(i);
    return name + QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
}

const QStringList& placeholderNames()
{
    static const QStringList names{QStringLiteral("x"),
                                   QStringLiteral("xhat"),
                                   QStringLiteral("y"),
                                   QStringLiteral("mean"),
                                   QStringLiteral("var"),
                                   QStringLiteral("rstd"),
                                   QStringLiteral("weight"),
                                   QStringLiteral("bias"),
                                   QStringLiteral("running_mean"),
                                   QStringLiteral("running_var"),
                                   QStringLiteral("running_var_biased"),
                                   QStringLiteral("running_mean_before"),
                                   QStringLiteral("running_var_before"),
                                   QStringLiteral("num_batches_tracked"),
                                   QStringLiteral("grad_output"),
                                   QStringLiteral("grad_input"),
                                   QStringLiteral("grad_weight"),
                                   QStringLiteral("grad_bias"),
                                   QStringLiteral("grad_reach"),
                                   QStringLiteral("grad_max"),
                                   QStringLiteral("eps"),
                                   QStringLiteral("momentum"),
                                   QStringLiteral("module"),
                                   QStringLiteral("error")};
    return names;
}

bool isTextPlaceholder(const QString& name)
{
    return name == QLatin1String("module") || name == QLatin1String("error");
}

std::vector<Placeholder> placeholdersIn(const QString& text)
{
    std::vector<Placeholder> out;
    const auto bad = [&](qsizetype at, const QString& what) {
        return Error(QStringLiteral("placeholder at character %1: %2").arg(at + 1).arg(what).toStdString());
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('}')) {
            if (i + 1 < text.size() && text[i + 1] == QLatin1Char('}')) {
                ++i;
                continue;
            }
            throw bad(i, QStringLiteral("a lone '}' (write '}}')"));
        }
        if (c != QLatin1Char('{'))
            continue;
        if (i + 1 < text.size() && text[i + 1] == QLatin1Char('{')) {
            ++i;
            continue;
        }
        const qsizetype close = text.indexOf(QLatin1Char('}'), i);
        if (close < 0)
            throw bad(i, QStringLiteral("no closing '}'"));
        QString body = text.mid(i + 1, close - i - 1).trimmed();
        Placeholder p;
        p.begin = i;
        p.length = close - i + 1;
        const qsizetype colon = body.lastIndexOf(QLatin1Char(':'));
        if (colon >= 0 && !body.mid(colon).contains(QLatin1Char(']'))) {
            bool ok = false;
            p.decimals = body.mid(colon + 1).trimmed().toInt(&ok);
            if (!ok || p.decimals < 0 || p.decimals > 17)
                throw bad(i, QStringLiteral("decimals after ':' must be 0 to 17 in '{%1}'").arg(body));
            body = body.left(colon).trimmed();
        }
        const qsizetype bracket = body.indexOf(QLatin1Char('['));
        p.name = (bracket < 0 ? body : body.left(bracket)).trimmed();
        if (!placeholderNames().contains(p.name))
            throw bad(i,
                      QStringLiteral("unknown name '%1' (known: %2)")
                          .arg(p.name, placeholderNames().join(QStringLiteral(", "))));
        if (bracket >= 0) {
            if (!body.endsWith(QLatin1Char(']')))
                throw bad(i, QStringLiteral("expected ']' at the end of '{%1}'").arg(body));
            const QStringList parts = body.mid(bracket + 1, body.size() - bracket - 2).split(QLatin1Char(','));
            for (const QString& part : parts) {
                bool ok = false;
                const qint64 v = part.trimmed().toLongLong(&ok);
                if (!ok || v < 0)
                    throw bad(i, QStringLiteral("index '%1' is not a whole number >= 0").arg(part.trimmed()));
                p.index.push_back(v);
            }
        }
        out.push_back(p);
        i = close;
    }
    return out;
}

const QStringList& stateKeys()
{
    static const QStringList keys = [] {
        QStringList k;
        for (const StateKey& key : stateTable())
            k << QLatin1String(key.name);
        return k;
    }();
    return keys;
}

Lesson parseLesson(const QByteArray& json, const QString& file)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw lessonError(file, 0,
                          QStringLiteral("not JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset + 1));
    if (!doc.isObject())
        throw lessonError(file, 0, QStringLiteral("expected a JSON object"));
    const QJsonObject root = doc.object();
    checkKeys(root, {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("steps")}, file, 0,
              QStringLiteral("the lesson"));
    Lesson lesson;
    lesson.file = file;
    lesson.id = root.value(QLatin1String("id")).toString();
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    if (!idPattern.match(lesson.id).hasMatch())
        throw lessonError(file, 0,
                          QStringLiteral("'id' must be lower-case words joined by '-', got '%1'").arg(lesson.id));
    lesson.title = readText(root.value(QLatin1String("title")), file, 0, QStringLiteral("title"));
    const QJsonValue steps = root.value(QLatin1String("steps"));
    if (!steps.isArray() || steps.toArray().isEmpty())
        throw lessonError(file, 0, QStringLiteral("'steps' must be a non-empty list"));
    QJsonObject state;
    int number = 0;
    for (const QJsonValue& value : steps.toArray()) {
        ++number;
        if (!value.isObject())
            throw lessonError(file, number, QStringLiteral("a step must be an object with \"state\" and \"text\""));
        const QJsonObject step = value.toObject();
        checkKeys(step, {QStringLiteral("state"), QStringLiteral("text")}, file, number, QStringLiteral("the step"));
        if (!step.value(QLatin1String("state")).isObject())
            throw lessonError(file, number, QStringLiteral("'state' must be an object"));
        const QJsonObject own = step.value(QLatin1String("state")).toObject();
        checkKeys(own, stateKeys(), file, number, QStringLiteral("state"));
        for (auto it = own.begin(); it != own.end(); ++it) {
            if (it->isNull())
                state.remove(it.key());
            else
                state.insert(it.key(), *it);
        }
        LessonStep s;
        s.state = state;
        s.arguments = argumentsOf(state, file, number);
        s.text = readText(step.value(QLatin1String("text")), file, number, QStringLiteral("text"));
        lesson.steps.push_back(s);
    }
    return lesson;
}

} // namespace normscope::ui
