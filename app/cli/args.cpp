#include "args.h"

#include "cli/command.h"
#include "core/timeutil.h"

namespace netcase::cli {

Result<Args> Args::parse(const QStringList &argv, std::initializer_list<OptionSpec> options)
{
    Args a;
    bool onlyPositional = false;
    for (qsizetype i = 0; i < argv.size(); ++i) {
        const QString &arg = argv.at(i);
        if (onlyPositional || !arg.startsWith(QLatin1String("--")) || arg == QLatin1String("-")) {
            if (!onlyPositional && arg.startsWith(QLatin1Char('-')) && arg.size() > 1
                && arg != QLatin1String("-") && arg != QLatin1String("-o"))
                return makeError(QStringLiteral("unknown option '%1'").arg(arg), ErrorCode::Usage);
            if (!onlyPositional && arg == QLatin1String("-o")) { // the one short option
                if (i + 1 >= argv.size())
                    return makeError(QStringLiteral("-o needs a file name"), ErrorCode::Usage);
                a.m_values[QStringLiteral("output")] << argv.at(++i);
                continue;
            }
            a.m_positional << arg;
            continue;
        }
        if (arg == QLatin1String("--")) {
            onlyPositional = true;
            continue;
        }
        QString name = arg.mid(2);
        QString inlineValue;
        bool hasInline = false;
        if (const qsizetype eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
            inlineValue = name.mid(eq + 1);
            name.truncate(eq);
            hasInline = true;
        }
        const OptionSpec *spec = nullptr;
        for (const OptionSpec &o : options) {
            if (name == QLatin1String(o.name))
                spec = &o;
        }
        if (!spec)
            return makeError(QStringLiteral("unknown option '--%1'").arg(name), ErrorCode::Usage);
        if (spec->takesValue) {
            if (hasInline) {
                a.m_values[name] << inlineValue;
            } else {
                if (i + 1 >= argv.size())
                    return makeError(QStringLiteral("--%1 needs a value").arg(name),
                                     ErrorCode::Usage);
                a.m_values[name] << argv.at(++i);
            }
        } else {
            if (hasInline)
                return makeError(QStringLiteral("--%1 takes no value").arg(name), ErrorCode::Usage);
            a.m_values[name] << QString();
        }
    }
    return a;
}

QString Args::value(const QString &name, const QString &fallback) const
{
    const auto it = m_values.find(name);
    return it == m_values.end() || it->isEmpty() ? fallback : it->last();
}

Result<long long> Args::number(const QString &name, long long fallback) const
{
    if (!has(name))
        return fallback;
    bool ok = false;
    const long long v = value(name).toLongLong(&ok);
    if (!ok)
        return makeError(QStringLiteral("--%1 expects a number, got '%2'").arg(name, value(name)),
                         ErrorCode::Usage);
    return v;
}

Result<std::optional<std::int64_t>> Args::time(const QString &name) const
{
    if (!has(name))
        return std::optional<std::int64_t>();
    const auto t = parseUserTime(value(name));
    if (!t)
        return makeError(QStringLiteral("--%1: cannot read '%2' as a time (use ISO 8601 such as "
                                        "2024-03-01T12:00:00Z, a date, or epoch seconds)")
                                 .arg(name, value(name)),
                         ErrorCode::Usage);
    return std::optional<std::int64_t>(*t);
}

Result<Args> Args::parseCommand(const char *command,
                                const QStringList &argv,
                                std::initializer_list<OptionSpec> options,
                                Shape shape)
{
    auto args = parse(argv, options);
    if (!args)
        return args;
    const auto n = args->positional().size();
    bool fits = n >= shape.minPositional && (shape.maxPositional < 0 || n <= shape.maxPositional);
    for (const char *name : shape.required)
        fits = fits && args->has(QLatin1String(name));
    if (fits)
        return args;
    const Command *c = findCommand(QLatin1String(command));
    return makeError(QStringLiteral("usage: netcase %1")
                             .arg(c ? QLatin1String(c->synopsis) : QLatin1String(command)),
                     ErrorCode::Usage);
}

} // namespace netcase::cli
