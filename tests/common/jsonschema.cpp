#include "jsonschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace netcase::test {

namespace {

bool isType(const QJsonValue &v, const QString &type)
{
    if (type == QLatin1String("object"))
        return v.isObject();
    if (type == QLatin1String("array"))
        return v.isArray();
    if (type == QLatin1String("string"))
        return v.isString();
    if (type == QLatin1String("boolean"))
        return v.isBool();
    if (type == QLatin1String("null"))
        return v.isNull();
    if (type == QLatin1String("number"))
        return v.isDouble();
    if (type == QLatin1String("integer"))
        return v.isDouble() && std::floor(v.toDouble()) == v.toDouble();
    return false;
}

void check(const QJsonValue &v, const QJsonObject &s, const QString &path, QStringList &out)
{
    if (s.contains(QLatin1String("type"))) {
        const QJsonValue t = s.value(QLatin1String("type"));
        QStringList types;
        if (t.isArray())
            for (const QJsonValue &x : t.toArray())
                types << x.toString();
        else
            types << t.toString();
        bool any = false;
        for (const QString &type : types)
            any = any || isType(v, type);
        if (!any) {
            out << path + QStringLiteral(": not of type ") + types.join(QLatin1Char('|'));
            return;
        }
    }
    if (s.contains(QLatin1String("const")) && v != s.value(QLatin1String("const")))
        out << path + QStringLiteral(": not the constant value");
    if (s.contains(QLatin1String("enum")) && !s.value(QLatin1String("enum")).toArray().contains(v))
        out << path + QStringLiteral(": not one of the allowed values");
    if (v.isDouble()) {
        if (s.contains(QLatin1String("minimum"))
            && v.toDouble() < s.value(QLatin1String("minimum")).toDouble())
            out << path + QStringLiteral(": below the minimum");
        if (s.contains(QLatin1String("maximum"))
            && v.toDouble() > s.value(QLatin1String("maximum")).toDouble())
            out << path + QStringLiteral(": above the maximum");
    }
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        const QJsonObject props = s.value(QLatin1String("properties")).toObject();
        for (const QJsonValue &r : s.value(QLatin1String("required")).toArray())
            if (!o.contains(r.toString()))
                out << path + QStringLiteral(": missing required key ") + r.toString();
        const QJsonValue extra = s.value(QLatin1String("additionalProperties"));
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString sub = path + QLatin1Char('.') + it.key();
            if (props.contains(it.key()))
                check(it.value(), props.value(it.key()).toObject(), sub, out);
            else if (extra.isBool() && !extra.toBool())
                out << sub + QStringLiteral(": key not in the schema");
            else if (extra.isObject())
                check(it.value(), extra.toObject(), sub, out);
        }
    }
    if (v.isArray() && s.contains(QLatin1String("items"))) {
        const QJsonObject items = s.value(QLatin1String("items")).toObject();
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            check(a.at(i), items, path + QStringLiteral("[%1]").arg(i), out);
    }
}

} // namespace

QStringList validateJsonSchema(const QJsonValue &value, const QJsonValue &schema)
{
    QStringList out;
    check(value, schema.toObject(), QStringLiteral("$"), out);
    return out;
}

} // namespace netcase::test
