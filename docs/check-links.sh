#!/usr/bin/env bash
# Checks every relative link in every markdown file of the repository (README.md, docs/**, services/*/README.md,
# terraform/README.md, k6/README.md, src-native/README.md, and any other *.md outside node_modules, target,
# .fanout, .git and .terraform):
#
#   - the target file or folder exists (relative to the file; a leading / means the repository root);
#   - for a link to a markdown file with #anchor (or to #anchor in the same file), the anchor is one of that file's
#     headings under GitHub's slug rules (lower-case; punctuation removed, hyphens and underscores kept; each space a
#     hyphen; a repeated heading gets -1, -2, ...), or an explicit <a name="..."> / id="...".
#
# Links are [text](target), ![alt](src), [label]: target definitions, and href="..." / src="..." in HTML. Links in
# fenced or indented code blocks, in `code spans` and in <!-- comments --> are not links and are skipped.
# External links (http:, https:, mailto:, ...) are not fetched (no network needed): they are listed with a count.
#
# Output: one line per broken link, "file:line: target: why"; then the external links; then
# "links: N checked, N broken". Exit status 1 if any link is broken, 0 otherwise, 2 on a usage error.
#
#   docs/check-links.sh            check the repository this script belongs to
#   docs/check-links.sh -q         the same, without the list of external links (their count stays)
#   docs/check-links.sh FILE...    check only these markdown files (anchors of their targets are still checked)
#
# Needs bash and perl (Debian's perl-base is enough).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
list_external=1
files=()
for arg in "$@"; do
    case "$arg" in
        -q|--quiet) list_external=0 ;;
        -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "check-links: unknown option '$arg' (see --help)" >&2; exit 2 ;;
        *)
            [ -f "$arg" ] || { echo "check-links: no such file: $arg" >&2; exit 2; }
            files+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")")
            ;;
    esac
done

cd "$root"
if [ ${#files[@]} -eq 0 ]; then
    while IFS= read -r file; do
        files+=("${file#./}")
    done < <(find . \( -name node_modules -o -name target -o -name .fanout -o -name .git -o -name .terraform \) -prune \
                  -o -type f -name '*.md' -print | LC_ALL=C sort)
else
    for i in "${!files[@]}"; do
        case "${files[$i]}" in
            "$root"/*) files[i]="${files[$i]#"$root"/}" ;;
            *) echo "check-links: ${files[$i]} is outside the repository ($root)" >&2; exit 2 ;;
        esac
    done
fi

status=0
CHECK_LINKS_LIST_EXTERNAL="$list_external" perl -CSD -Mutf8 - "${files[@]}" <<'PERL' || status=$?
use strict;
use warnings;

my $list_external = $ENV{CHECK_LINKS_LIST_EXTERNAL};
my (%anchors_of, $checked, $broken, %external, $external_total);
$checked = $broken = $external_total = 0;

# GitHub's heading slug: the text as rendered (no markup), lower-cased, every character that is not a letter, a mark,
# a digit, a connector (_), a space or a hyphen removed, then each space a hyphen.
sub slug {
    my ($text) = @_;
    $text =~ s/!\[([^\]]*)\]\([^)]*\)/$1/g;          # images: their alt text
    $text =~ s/\[([^\]]*)\]\([^)]*\)/$1/g;           # links: their text
    $text =~ s/\[([^\]]*)\]\[[^\]]*\]/$1/g;          # reference links: their text
    $text =~ s/<[^>]*>//g;                           # HTML tags
    $text =~ s/`+//g;                                # code spans keep their content
    $text =~ s/&amp;/&/g; $text =~ s/&lt;/</g; $text =~ s/&gt;/>/g; $text =~ s/&quot;/"/g; $text =~ s/&#39;/'/g;
    $text =~ s/(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])//g;   # _emphasis_, not snake_case
    $text = lc $text;
    $text =~ s/[^\p{L}\p{M}\p{N}\p{Pc} \-]//g;
    $text =~ s/ /-/g;
    return $text;
}

# Reads a markdown file once: its lines outside code (with code spans and comments blanked) and its anchors.
my %parsed;
sub parse {
    my ($file) = @_;
    return $parsed{$file} if $parsed{$file};
    open(my $fh, '<', $file) or return $parsed{$file} = { missing => 1 };
    my @raw = <$fh>;
    close $fh;
    my (@lines, %anchors, %seen);
    my ($fence, $fence_len, $in_comment, $in_list, $prev_blank, $prev_code, $prev_text) = ('', 0, 0, 0, 1, 0, undef);
    my $add_anchor = sub {
        my ($slug) = @_;
        my $unique = $slug;
        if (exists $seen{$slug}) {
            my $n = $seen{$slug};
            do { $n++; $unique = "$slug-$n" } while exists $seen{$unique};
            $seen{$slug} = $n;
        }
        $seen{$unique} //= 0;
        $anchors{$unique} = 1;
    };
    for my $i (0 .. $#raw) {
        my $line = $raw[$i];
        $line =~ s/\r?\n\z//;
        my $number = $i + 1;
        # fenced code
        if ($fence ne '') {
            if ($line =~ /^ {0,3}(\Q$fence\E{$fence_len,})\s*$/) { $fence = ''; }
            $prev_blank = 0; $prev_code = 0; $prev_text = undef;
            next;
        }
        if ($line =~ /^ {0,3}(`{3,}|~{3,})/) {
            my $run = $1;
            $fence = substr($run, 0, 1); $fence_len = length $run;
            $prev_blank = 0; $prev_code = 0; $prev_text = undef;
            next;
        }
        my $blank = $line =~ /^\s*$/;
        # indented code: after a blank line (or more indented code), outside a list
        if (!$blank && $line =~ /^(?: {4}|\t)/ && !$in_list && ($prev_blank || $prev_code)) {
            $prev_code = 1; $prev_blank = 0; $prev_text = undef;
            next;
        }
        $prev_code = 0 unless $blank;
        if (!$blank) {
            if ($line =~ /^ {0,3}(?:[-*+]|\d{1,9}[.)])\s+/) { $in_list = 1; }
            elsif ($line !~ /^\s/) { $in_list = 0; }
        }
        # HTML comments
        my $text = $line;
        if ($in_comment) {
            if ($text =~ s/^.*?-->//) { $in_comment = 0; } else { $prev_blank = $blank; next; }
        }
        $text =~ s/<!--.*?-->//g;
        if ($text =~ s/<!--.*$//) { $in_comment = 1; }
        my $heading = $text;
        # code spans (a run of n backticks up to the next run of exactly n) hold no links
        $text =~ s/(`+)(.+?)(?<!`)\1(?!`)/' ' x (length($1) * 2 + length($2))/ge;
        # headings (their code spans count: `x` is x in the anchor)
        if ($heading =~ /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/) {
            $add_anchor->(slug(defined $2 ? $2 : ''));
            $prev_text = undef;
        } elsif (defined $prev_text && $heading =~ /^ {0,3}(?:=+|-+)[ \t]*$/) {
            $add_anchor->(slug($prev_text));
            $prev_text = undef;
        } else {
            $prev_text = $blank ? undef : $heading;
        }
        while ($text =~ /<a\s[^>]*\bname\s*=\s*["']([^"']+)["']/gi) { $anchors{$1} = 1; }
        while ($text =~ /\bid\s*=\s*["']([^"']+)["']/gi) { $anchors{$1} = 1; }
        push @lines, [$number, $text];
        $prev_blank = $blank;
    }
    return $parsed{$file} = { lines => \@lines, anchors => \%anchors };
}

# The destination of an inline link starting at $pos (just after "](").
sub destination {
    my ($text, $pos) = @_;
    my $rest = substr($text, $pos);
    $rest =~ s/^\s+//;
    return $1 if $rest =~ /^<([^>]*)>/;
    my ($dest, $depth) = ('', 0);
    for my $c (split //, $rest) {
        last if $c =~ /\s/;
        if ($c eq '(') { $depth++; }
        elsif ($c eq ')') { last if $depth == 0; $depth--; }
        $dest .= $c;
    }
    return $dest;
}

sub normalize {
    my ($path) = @_;
    my @out;
    for my $part (split m{/}, $path) {
        next if $part eq '' || $part eq '.';
        if ($part eq '..') { return undef unless @out; pop @out; next; }
        push @out, $part;
    }
    return join('/', @out);
}

sub report {
    my ($file, $number, $target, $why) = @_;
    $broken++;
    print "$file:$number: $target: $why\n";
}

sub check {
    my ($file, $number, $target) = @_;
    $target =~ s/^\s+|\s+$//g;
    return if $target eq '';
    if ($target =~ m{^(?:[A-Za-z][A-Za-z0-9+.\-]*:|//)}) {
        $external_total++;
        $external{$target}++;
        return;
    }
    $checked++;
    my ($path, $fragment) = split /#/, $target, 2;
    $path =~ s/\?.*\z//;
    $path =~ s/%([0-9A-Fa-f]{2})/chr(hex($1))/ge;
    my $dir = $file =~ m{^(.*)/[^/]*$} ? $1 : '';
    my $resolved;
    if ($path eq '') {
        $resolved = $file;
    } else {
        $resolved = normalize($path =~ m{^/} ? $path : ($dir eq '' ? $path : "$dir/$path"));
        return report($file, $number, $target, 'points outside the repository') unless defined $resolved;
        $resolved = '.' if $resolved eq '';
        return report($file, $number, $target, "no such file or folder ($resolved)") unless -e $resolved;
    }
    return unless defined $fragment && $fragment ne '';
    my $page = $resolved;
    if (-d $page) {
        $page = $page eq '.' ? 'README.md' : "$page/README.md";
        return unless -f $page;
    }
    return unless $page =~ /\.md\z/i;
    $fragment =~ s/%([0-9A-Fa-f]{2})/chr(hex($1))/ge;
    utf8::decode($fragment);
    my $anchors = parse($page)->{anchors};
    return if $anchors->{$fragment};
    my ($near) = grep { lc($_) eq lc($fragment) } sort keys %$anchors;
    report($file, $number, $target, defined $near
        ? "no anchor '$fragment' in $page (the heading's anchor is '$near': anchors are lower-case)"
        : "no heading with the anchor '$fragment' in $page");
}

for my $file (@ARGV) {
    my $doc = parse($file);
    if ($doc->{missing}) { report($file, 0, $file, 'cannot be read'); next; }
    for my $entry (@{ $doc->{lines} }) {
        my ($number, $text) = @$entry;
        if ($text =~ /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/) {
            (my $target = $1) =~ s/^<|>$//g;
            check($file, $number, $target);
        }
        while ($text =~ /\]\(/g) {
            check($file, $number, destination($text, pos($text)));
        }
        while ($text =~ /<(https?:\/\/[^>\s]+)>/g) { check($file, $number, $1); }
        while ($text =~ /\b(?:href|src)\s*=\s*["']([^"']*)["']/gi) { check($file, $number, $1); }
    }
}

my $distinct = scalar keys %external;
print "external: $external_total links to $distinct addresses, not fetched\n";
if ($list_external) {
    printf "  %4d  %s\n", $external{$_}, $_ for sort keys %external;
}
print "links: $checked checked, $broken broken\n";
exit($broken ? 1 : 0);
PERL
exit "$status"
