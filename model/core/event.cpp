#include "event.h"

namespace netcase {

const char *outcomeName(Outcome o)
{
    switch (o) {
    case Outcome::Success:
        return "success";
    case Outcome::Failure:
        return "failure";
    case Outcome::Unknown:
        break;
    }
    return "unknown";
}

} // namespace netcase
