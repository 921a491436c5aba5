#pragma once

// A vendor's CamelCase field name as a Netcase label key: "TargetUserSid" → "target_user_sid"
// (an underscore before a capital that follows a lower-case letter, then all lower case). The
// Windows importers store EventData under these keys, and the Sigma field mapping reads them
// back by the same rule, so a rule's `LogonType` finds `labels.logon_type`.

#include <string>
#include <string_view>

namespace netcase {

inline std::string labelKeyOf(std::string_view name)
{
    std::string out;
    for (size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (c >= 'A' && c <= 'Z') {
            if (i > 0 && name[i - 1] >= 'a' && name[i - 1] <= 'z')
                out.push_back('_');
            out.push_back(char(c - 'A' + 'a'));
        } else {
            out.push_back(c);
        }
    }
    return out;
}

} // namespace netcase
