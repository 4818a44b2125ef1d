// A string parameter that names one of an enum's values (rtm.port_policy, reram.signed_scheme,
// ...): the config tree holds the string, the model the enum; a bad string is one error naming the
// key and the accepted names.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace pimsoc {

// The enum named `value`; throws std::invalid_argument "<key>: '<value>' is not a or b or c".
template <typename Enum>
Enum choose_param(const std::string& key, const std::string& value,
                  const std::vector<std::pair<const char*, Enum>>& choices)
{
    std::string names;
    for (const auto& [name, e] : choices) {
        if (value == name) {
            return e;
        }
        names += (names.empty() ? "" : " or ") + std::string(name);
    }
    throw std::invalid_argument(key + ": '" + value + "' is not " + names);
}

}  // namespace pimsoc
