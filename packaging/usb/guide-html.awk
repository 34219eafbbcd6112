# guide-html.awk: the clerk's guide (HUONG-DAN.txt) as a printable A4 page, so that the text and
# the page never say different things. The text's few conventions: a line underlined with "="
# is the title, with "-" a section; "- " starts a bullet and "1. " a numbered step (their next
# lines indented by 2 or 3 spaces); a line indented by 4 spaces is a command; other lines run
# on as paragraphs, a blank line ending each. The style is src/document.c's (A4, Times 13 pt).
# Usage: awk -f guide-html.awk HUONG-DAN.txt > HUONG-DAN.html

function esc(s) {
	gsub(/&/, "\\&amp;", s)
	gsub(/</, "\\&lt;", s)
	gsub(/>/, "\\&gt;", s)
	return s
}
function trim(s) {
	sub(/^ +/, "", s)
	return s
}
# close_block: ends the paragraph, list item, list or command block under way.
function close_block() {
	if (para != "") { print "<p>" esc(para) "</p>"; para = "" }
	if (item != "") { print "<li>" esc(item) "</li>"; item = "" }
	if (list != "") { print "</" list ">"; list = "" }
	if (pre) { print "</pre>"; pre = 0 }
}
function open_list(kind) {
	if (item != "") { print "<li>" esc(item) "</li>"; item = "" }
	if (para != "") { print "<p>" esc(para) "</p>"; para = "" }
	if (pre) { print "</pre>"; pre = 0 }
	if (list != kind) {
		if (list != "") print "</" list ">"
		print "<" kind ">"
		list = kind
	}
}

{ line[NR] = $0 }

END {
	print "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">"
	print "<title>" esc(line[1]) "</title>\n<style>"
	print "@page { size: A4 portrait; margin: 20mm 15mm 20mm 25mm;"
	print "  @bottom-center { content: counter(page); font-family: 'Times New Roman', serif; font-size: 11pt; } }"
	print "body { font-family: 'Times New Roman', 'Liberation Serif', 'DejaVu Serif', serif; font-size: 13pt;"
	print "  line-height: 1.35; color: #000; margin: 0 auto; max-width: 170mm; }"
	print "h1 { font-size: 14pt; text-align: center; margin: 0 0 12pt; }"
	print "h2 { font-size: 13pt; margin: 12pt 0 4pt; page-break-after: avoid; break-after: avoid; }"
	print "p { text-align: justify; margin: 0 0 6pt; }"
	print "ul, ol { margin: 0 0 6pt; padding-left: 8mm; } li { margin: 0 0 2pt; text-align: justify; }"
	print "pre { font-family: 'DejaVu Sans Mono', 'Liberation Mono', monospace; font-size: 11pt;"
	print "  margin: 2pt 0 8pt 8mm; padding: 3pt 6pt; border-left: 2pt solid #000;"
	print "  page-break-inside: avoid; break-inside: avoid; }"
	print "li, p { orphans: 2; widows: 2; }"
	print "</style>\n</head>\n<body>"
	para = item = list = ""
	pre = 0
	for (i = 1; i <= NR; i++) {
		s = line[i]
		if (i < NR && line[i + 1] ~ /^==+$/) { close_block(); print "<h1>" esc(s) "</h1>"; i++; continue }
		if (i < NR && line[i + 1] ~ /^--+$/) { close_block(); print "<h2>" esc(s) "</h2>"; i++; continue }
		if (s ~ /^[ \t]*$/) { close_block(); continue }
		if (s ~ /^    /) {
			if (!pre) { close_block(); printf "<pre>"; pre = 1 } else printf "\n"
			printf "%s", esc(substr(s, 5))
			continue
		}
		if (s ~ /^- /) { open_list("ul"); item = substr(s, 3); continue }
		if (s ~ /^[0-9]+\. /) { open_list("ol"); item = s; sub(/^[0-9]+\. /, "", item); continue }
		if (item != "" && s ~ /^  /) { item = item " " trim(s); continue }
		if (item != "" || pre) close_block()
		para = para == "" ? s : para " " s
	}
	close_block()
	print "</body>\n</html>"
}
