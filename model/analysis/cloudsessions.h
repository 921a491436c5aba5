#pragma once

// Temporary cloud credentials in CloudTrail: the importer keeps an "ASIA..." access key (an STS
// session's temporary key) as session.id, the assumed-role ARN in labels.identity_arn, and a
// sourceIPAddress that names an AWS service ("ec2.amazonaws.com", "AWS Internal") as
// source.domain. This reads the two latter for the events of such sessions only.

#include <cstdint>
#include <string>

namespace netcase {

class Database;
class Dataset;

/// An AWS temporary access key id: "ASIA" and 16 more upper-case letters or digits.
bool isTemporaryAwsKey(const std::string &s);
/// Fills Dataset::cloudSessionArn and Dataset::cloudServiceOrigin. Other events are not touched.
void loadCloudSessions(const Database &db, Dataset &d);
/// The role session name of an assumed-role ARN ("arn:aws:sts::1:assumed-role/ROLE/NAME" ->
/// NAME), or "" when the ARN is not of that form.
std::string roleSessionName(const std::string &arn);

} // namespace netcase
