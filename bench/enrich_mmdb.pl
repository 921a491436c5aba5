#!/usr/bin/perl
# Writes benchmark databases for bench/enrich.sh: a GeoIP2-City, a GeoLite2-ASN and a
# GeoIP2-Anonymous-IP file, one network per IPv4 /16 (1.0.0.0 to 223.255.0.0) and per IPv6 /32
# under 2a00::/20, so random addresses almost always hit a record.
#   perl bench/enrich_mmdb.pl OUTDIR
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;

my $out = shift or die "usage: enrich_mmdb.pl OUTDIR\n";
mkdir $out unless -d $out;
my %types = (
    city => 'map', country => 'map', location => 'map', names => 'map',
    subdivisions => ['array', 'map'], en => 'utf8_string', iso_code => 'utf8_string',
    latitude => 'double', longitude => 'double', accuracy_radius => 'uint16',
    time_zone => 'utf8_string', autonomous_system_number => 'uint32',
    autonomous_system_organization => 'utf8_string', is_anonymous => 'boolean',
    is_anonymous_vpn => 'boolean', is_hosting_provider => 'boolean',
    is_tor_exit_node => 'boolean', is_residential_proxy => 'boolean',
);
sub tree {
    return MaxMind::DB::Writer::Tree->new(
        ip_version => 6, record_size => 28, database_type => shift, languages => ['en'],
        description => { en => 'Netcase benchmark' },
        map_key_type_callback => sub { $types{ $_[0] } }, remove_reserved_networks => 0,
        alias_ipv6_to_ipv4 => 1);
}
my @nets;
for my $a (1 .. 223) {
    next if $a == 10 || $a == 127;
    push @nets, "$a.$_.0.0/16" for 0 .. 255;
}
push @nets, sprintf('2a00:%x::/32', $_) for 0 .. 4095;
my ($city, $asn, $anon) = (tree('GeoIP2-City'), tree('GeoLite2-ASN'), tree('GeoIP2-Anonymous-IP'));
my $i = 0;
for my $n (@nets) {
    my $c = $i % 2000;
    $city->insert_network($n, {
        city => { names => { en => "City $c" } },
        country => { iso_code => sprintf('C%d', $c % 200), names => { en => "Country $c" } },
        subdivisions => [ { names => { en => "Region $c" } } ],
        location => { latitude => ($c % 180) - 90 + 0.5, longitude => ($c % 360) - 180 + 0.25,
                      accuracy_radius => 20 + $c % 500, time_zone => 'Europe/London' } });
    my $as = 1000 + $i % 5000;
    $asn->insert_network($n, { autonomous_system_number => $as,
        autonomous_system_organization => ($as % 7 ? "Broadband Net $as" : "Cloud Hosting $as") });
    $anon->insert_network($n, { is_anonymous => 1, is_tor_exit_node => ($i % 2) ? 1 : 0,
        is_anonymous_vpn => ($i % 2) ? 0 : 1 }) if $i % 10 == 0;
    ++$i;
}
for ([$city, 'city.mmdb'], [$asn, 'asn.mmdb'], [$anon, 'anon.mmdb']) {
    open my $fh, '>:raw', "$out/$_->[1]" or die;
    $_->[0]->write_tree($fh);
    close $fh;
}
print scalar(@nets), " networks\n";
