#include "mmdbdecode.h"

#include "iprecord.h"
#include "mmdbreader.h"

#include <maxminddb.h>

#include <charconv>
#include <string>
#include <string_view>

namespace netcase {

namespace {

constexpr int kMaxDepth = 32;

struct Value
{
    const MMDB_entry_data_s &d;

    bool isText() const { return d.type == MMDB_DATA_TYPE_UTF8_STRING; }
    std::string text() const
    {
        return isText() ? std::string(d.utf8_string, d.data_size) : std::string();
    }
    bool number(double &out) const
    {
        switch (d.type) {
        case MMDB_DATA_TYPE_DOUBLE:
            out = d.double_value;
            return true;
        case MMDB_DATA_TYPE_FLOAT:
            out = d.float_value;
            return true;
        case MMDB_DATA_TYPE_UINT16:
            out = d.uint16;
            return true;
        case MMDB_DATA_TYPE_UINT32:
            out = d.uint32;
            return true;
        case MMDB_DATA_TYPE_INT32:
            out = d.int32;
            return true;
        case MMDB_DATA_TYPE_UINT64:
            out = double(d.uint64);
            return true;
        case MMDB_DATA_TYPE_UTF8_STRING: {
            // The flat layouts sometimes store coordinates as text.
            const char *b = d.utf8_string;
            auto [p, ec] = std::from_chars(b, b + d.data_size, out);
            return ec == std::errc() && p == b + d.data_size;
        }
        default:
            return false;
        }
    }
    bool flag() const
    {
        if (d.type == MMDB_DATA_TYPE_BOOLEAN)
            return d.boolean;
        double v = 0;
        return number(v) && v != 0;
    }
};

bool parseAsn(const Value &v, std::int64_t &out)
{
    if (v.isText()) {
        std::string_view s(v.d.utf8_string, v.d.data_size);
        if (s.size() > 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's'))
            s.remove_prefix(2);
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        return ec == std::errc() && p == s.data() + s.size() && out >= 0;
    }
    double n = 0;
    if (!v.number(n) || n < 0)
        return false;
    out = std::int64_t(n);
    return true;
}

class Decoder
{
public:
    explicit Decoder(IpRecord &rec)
        : m_rec(rec)
    {}
    DecodeResult result;

    MMDB_entry_data_list_s *walk(MMDB_entry_data_list_s *node, int depth)
    {
        if (!node || depth > kMaxDepth) {
            result.ok = false;
            return nullptr;
        }
        const MMDB_entry_data_s &d = node->entry_data;
        if (d.type == MMDB_DATA_TYPE_MAP) {
            node = node->next;
            for (std::uint32_t i = 0; i < d.data_size; ++i) {
                if (!node || node->entry_data.type != MMDB_DATA_TYPE_UTF8_STRING) {
                    result.ok = false;
                    return nullptr;
                }
                const std::size_t len = m_path.size();
                if (!m_path.empty())
                    m_path += '.';
                m_path.append(node->entry_data.utf8_string, node->entry_data.data_size);
                node = walk(node->next, depth + 1);
                m_path.resize(len);
                if (!result.ok)
                    return nullptr;
            }
            return node;
        }
        if (d.type == MMDB_DATA_TYPE_ARRAY) {
            node = node->next;
            for (std::uint32_t i = 0; i < d.data_size; ++i) {
                const std::size_t len = m_path.size();
                m_path += '.';
                m_path += std::to_string(i);
                node = walk(node, depth + 1);
                m_path.resize(len);
                if (!result.ok)
                    return nullptr;
            }
            return node;
        }
        leaf(Value{d});
        return node->next;
    }

private:
    void leaf(const Value &v)
    {
        std::string_view p = m_path;
        // Enterprise and Insights keep network data under traits; read it like the
        // standalone ISP / Anonymous-IP / Connection-Type databases.
        if (p.starts_with("traits."))
            p.remove_prefix(7);
        if (p.find('.') != std::string_view::npos)
            nested(p, v);
        else
            top(p, v);
    }

    void nested(std::string_view p, const Value &v)
    {
        result.layout |= 1;
        double n = 0;
        if (p == "country.iso_code")
            setGeo(m_rec.countryIso, v);
        else if (p == "country.names.en")
            setGeo(m_rec.countryName, v);
        else if (p == "city.names.en")
            setGeo(m_rec.city, v);
        else if (p == "subdivisions.0.names.en")
            setGeo(m_rec.region, v);
        else if (p == "location.time_zone")
            setGeo(m_rec.timeZone, v);
        else if (p == "location.latitude" && v.number(n))
            setCoordinate(m_rec.latitude, n);
        else if (p == "location.longitude" && v.number(n))
            setCoordinate(m_rec.longitude, n);
        else if (p == "location.accuracy_radius" && v.number(n))
            m_rec.accuracyKm = int(n);
    }

    void top(std::string_view p, const Value &v)
    {
        double n = 0;
        if (p == "autonomous_system_number") {
            if (parseAsn(v, m_rec.asn))
                result.caps |= MmdbReader::Asn;
        } else if (p == "asn") {
            if (parseAsn(v, m_rec.asn))
                result.caps |= MmdbReader::Asn;
            if (v.isText())
                result.layout |= 4;
        } else if (p == "autonomous_system_organization" || p == "as_name") {
            m_rec.asOrg = v.text();
            result.caps |= MmdbReader::Asn;
        } else if (p == "isp") {
            m_rec.isp = v.text();
            result.caps |= MmdbReader::Isp;
        } else if (p == "organization") {
            m_rec.organization = v.text();
            result.caps |= MmdbReader::Isp;
        } else if (p == "connection_type") {
            m_rec.connectionType = v.text();
            result.caps |= MmdbReader::ConnectionType;
        } else if (p == "user_type") {
            m_rec.userType = v.text();
            result.caps |= MmdbReader::ConnectionType;
        } else if (p.starts_with("is_")) {
            anonymiser(p, v);
        } else if (p == "country_code") {
            result.layout |= 2;
            setGeo(m_rec.countryIso, v);
        } else if (p == "country" && v.isText()) {
            setGeo(m_rec.countryName, v); // IPinfo Lite: the country's name
        } else if (p == "country_name") {
            setGeo(m_rec.countryName, v);
        } else if (p == "city" && v.isText()) {
            result.layout |= 2;
            setGeo(m_rec.city, v);
        } else if (p == "state1" || p == "region" || p == "subdivision") {
            setGeo(m_rec.region, v);
        } else if ((p == "timezone" || p == "time_zone") && v.isText()) {
            setGeo(m_rec.timeZone, v);
        } else if (p == "latitude" && v.number(n)) {
            result.layout |= 2;
            m_rec.latitude = n;
            result.caps |= MmdbReader::Geo;
        } else if (p == "longitude" && v.number(n)) {
            m_rec.longitude = n;
            result.caps |= MmdbReader::Geo;
        } else if (p == "accuracy_radius" && v.number(n)) {
            m_rec.accuracyKm = int(n);
        }
    }

    void anonymiser(std::string_view p, const Value &v)
    {
        const bool on = v.flag();
        bool known = true;
        if (p == "is_anonymous")
            m_rec.anonymous = on;
        else if (p == "is_anonymous_vpn")
            m_rec.vpn = on;
        else if (p == "is_tor_exit_node")
            m_rec.tor = on;
        else if (p == "is_public_proxy" || p == "is_anonymous_proxy")
            m_rec.proxy = m_rec.proxy || on;
        else if (p == "is_hosting_provider")
            m_rec.hosting = on;
        else if (p == "is_residential_proxy")
            m_rec.residentialProxy = on;
        else
            known = false;
        if (known)
            result.caps |= MmdbReader::Anonymous;
    }

    void setCoordinate(std::optional<double> &dst, double v)
    {
        dst = v;
        result.caps |= MmdbReader::Geo;
    }

    void setGeo(std::string &dst, const Value &v)
    {
        if (!v.isText())
            return;
        dst = v.text();
        result.caps |= MmdbReader::Geo;
    }

    IpRecord &m_rec;
    std::string m_path;
};

} // namespace

DecodeResult decodeEntry(MMDB_entry_data_list_s *list, IpRecord &rec)
{
    Decoder dec(rec);
    if (list)
        dec.walk(list, 0);
    return dec.result;
}

} // namespace netcase
