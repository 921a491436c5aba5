#pragma once

// A small, strict argument parser for the netcase sub-commands: unknown options are usage
// errors, options may repeat, values follow as "--opt value" or "--opt=value".

#include "core/result.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <initializer_list>

namespace netcase::cli {

struct OptionSpec
{
    const char *name; ///< without dashes
    bool takesValue;
};

class Args
{
public:
    static Result<Args> parse(const QStringList &argv, std::initializer_list<OptionSpec> options);

    const QStringList &positional() const { return m_positional; }
    bool has(const QString &name) const { return m_values.contains(name); }
    QString value(const QString &name, const QString &fallback = {}) const;
    QStringList values(const QString &name) const { return m_values.value(name); }
    /// Integer option; error when it is present but not a number.
    Result<long long> number(const QString &name, long long fallback) const;

    /// The number of positional arguments and the options a command cannot run without.
    struct Shape
    {
        int minPositional = 1;
        int maxPositional = 1; ///< -1: no limit
        std::initializer_list<const char *> required = {};
    };
    /// parse(), then the call checked against shape: when it does not fit, a usage error that
    /// quotes the command's synopsis (the one "netcase help COMMAND" shows).
    static Result<Args> parseCommand(const char *command,
                                     const QStringList &argv,
                                     std::initializer_list<OptionSpec> options,
                                     Shape shape);
    static Result<Args> parseCommand(const char *command,
                                     const QStringList &argv,
                                     std::initializer_list<OptionSpec> options)
    {
        return parseCommand(command, argv, options, Shape{});
    }

private:
    QStringList m_positional;
    QMap<QString, QStringList> m_values;
};

} // namespace netcase::cli
