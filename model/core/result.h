#pragma once

// Errors are values at module boundaries (in the spirit of Qt Creator's utils/result.h):
// a Result<T> holds either a value or an Error with a message for the user and an exit code
// that follows shared/design/CLI.md (1 usage, 2 input/data, 3 locked or read-only).

#include <QString>

#include <utility>
#include <variant>

namespace netcase {

enum class ErrorCode : int { Usage = 1, Data = 2, Locked = 3, Cancelled = 4 };

struct Error
{
    QString message;
    ErrorCode code = ErrorCode::Data;
};

inline Error makeError(QString message, ErrorCode code = ErrorCode::Data)
{
    return Error{std::move(message), code};
}

template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_v(std::move(value))
    {}
    Result(Error error)
        : m_v(std::move(error))
    {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &std::get<0>(m_v); }
    const T *operator->() const { return &std::get<0>(m_v); }
    T &operator*() { return value(); }

    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_ok(false)
    {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

using Status = Result<void>;

} // namespace netcase
