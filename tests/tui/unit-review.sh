#!/bin/sh
# unit-review.sh: the Ministry's review in the clerk's full-screen xhht at 80×24: a receipt
# carrying "needs fixing" with comments is opened from the home screen's tasks; the home screen
# says so; the editor shows the whole report's comment on top, marks the commented field in the
# margin and shows its comment under it, and the table's comment above its rows, the check
# screen lists them, the staff's
# text neutralised; packing again
# answers them (the database keeps them, answered by the new revision) and the marks are gone.
# Usage: sh tests/tui/unit-review.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"
need_program "$PWD/$BUILD/review-receipt" "$PWD/$BUILD/db-check"

UI_REVIEW_HOME="Bộ yêu cầu sửa (4 ý kiến)"
UI_WHOLE="Bộ Y tế, về cả báo cáo: Thiếu bản quét có dấu đỏ."
UI_FIELD_COMMENT="Bộ Y tế: Tổng số người không khớp"
UI_TABLE_COMMENT="Bộ Y tế: Đề nghị thứ hai thiếu thành tích."
# The unit's database, asked through the test tool (the full-screen program holds its lock).
usql() { "$PWD/$BUILD/db-check" "$E/data/xhht.db" --sql "$1"; }

# The unit packs 2024 (revision 2) from the command line; the Ministry imports it, and its
# receipt comes back carrying the review (made from the central's receipt with its key).
clerk_reported
expect 0 review-pack "$XHHT" --data "$E/data" --passphrase-file "$E/upass" pack 2024 -o "$E/work/goi"
if central import --receipts "$E/work/+luu-tru" "$E/work/goi"; then ok; else bad "central import: $(excerpt "$ERR")"; fi
RECEIPT=$(ls "$E/work/+luu-tru"/*.receipt | head -n 1)
expect 0 review-make "$PWD/$BUILD/review-receipt" "$E/central" "$E/cpass" "$RECEIPT" \
	"$E/work/bien-nhan/y-kien.receipt" needs_fixing 2024-11-19T08:00:00Z \
	"=Thiếu bản quét có dấu đỏ." \
	"chung.tong_so_nguoi=Tổng số người không khớp với báo cáo nhân sự của đơn vị năm 2024, đề nghị rà soát lại và ghi rõ số nữ." \
	"khen_thuong.de_nghi=Đề nghị thứ hai thiếu thành tích." \
	"$(printf '=Chữ\033[2J lạ\342\200\256 đây')"

# --- the receipt opened: the review said, the home screen tells the year ------------------------
begin review-open
W=80 H=24
clerk review-open
see "Đã đóng gói: gửi tệp cho Bộ Y tế" review-home-packed
typ 6
see "Chọn tệp biên nhận của Bộ Y tế" review-chooser
choose "bien-nhan/" review-choose-folder
keys Enter
see "$E/work/bien-nhan" review-in-folder
choose "y-kien.receipt" review-choose-file
keys Enter
see "Biên nhận và ý kiến của Bộ Y tế" review-box
see "Bộ Y tế đã nhận báo cáo năm 2024, lần gửi 2" review-received
see "Bộ Y tế yêu cầu sửa báo cáo năm 2024, lần gửi 2" review-needs-fixing
see "4 ý kiến:" review-count
see "• Cả báo cáo: Thiếu bản quét có dấu đỏ." review-whole
see "• Tổng số CBCCVC, người lao động của đơn vị: Tổng số người" review-field-label
see '• Cả báo cáo: Chữ\x1b[2J lạ\u202e đây' review-hostile-escaped
resize_check review-box "Biên nhận và ý kiến của Bộ Y tế"
$S resize-window -t 0 -x 80 -y 24
keys Enter
see "$UI_REVIEW_HOME" review-home
see "sửa rồi đóng gói gửi lại (F5)" review-home-next
# Kept: one review, three comments, open.
same "$(usql "SELECT state || ' ' || revision || ' ' || (answered_by IS NULL) FROM review")" "needs_fixing 2 1" review-db-kept
same "$(usql "SELECT count(*) FROM review_comment")" 4 review-db-comments
quit_with F10 review-open-quit
end

# --- the editor: the whole report's comment on top, the field marked, its comment under it ----
begin review-editor
W=80 H=24
clerk review-editor
see "$UI_REVIEW_HOME" review-editor-home
open_editor
see "$UI_TELEX" review-editor-open
see "$UI_WHOLE" review-editor-whole
# The staff's text reaches the terminal neutralised: control and bidi characters shown escaped.
see 'Bộ Y tế, về cả báo cáo: Chữ\x1b[2J lạ\u202e đây' review-editor-hostile-escaped
# The section holding a commented field is marked in the list of sections.
see "→ Thông tin chung" review-editor-section-marked
keys Enter
see "Số hiệu văn bản báo cáo" review-editor-fields
keys C-f
see "Tìm mục: gõ vài chữ" review-editor-find
typ "tong_so_nguoi"
keys Enter
see "Tổng số CBCCVC, người lao động của đơn vị · Thông tin chung" review-editor-found
keys Enter
# The mark in the margin, left of the required star, visible without colour.
see "→* Tổng số CBCCVC" review-editor-mark
see "│ $UI_FIELD_COMMENT" review-editor-comment
# Wrapped under the field, whole.
see "ghi rõ số nữ." review-editor-comment-wrapped
# F1 gives the field's help and the comment whole.
keys F1
see "$UI_HELP_KEYS" review-editor-help
see "Bộ Y tế: Tổng số người không khớp với báo cáo nhân sự" review-editor-help-comment
esc
wait_gone "$UI_HELP_KEYS" >/dev/null
see "$UI_WHOLE" review-editor-whole-kept
resize_check review-editor "$UI_FIELD_COMMENT"
$S resize-window -t 0 -x 80 -y 24
see "$UI_FIELD_COMMENT" review-editor-80x24-again
# The table's comment, above its rows.
keys C-f
see "Tìm mục: gõ vài chữ" review-editor-find-table
typ "de nghi khen"
keys Enter
see "Đề nghị khen thưởng cấp trên · Khen thưởng" review-editor-table-found
keys Enter
see "→  Đề nghị khen thưởng cấp trên" review-editor-table-mark
keys Enter
see "Đề nghị khen thưởng cấp trên — " review-table-open
see "│ $UI_TABLE_COMMENT" review-table-comment
esc
see "$UI_TELEX" review-table-back
# The check screen lists them after the findings; Enter on one goes to its field.
keys F2
see "$UI_CHECK_TITLE" review-check-open
see "— 4 ý kiến của Bộ" review-check-count
see "ý kiến    [Cả báo cáo] Thiếu bản quét có dấu đỏ." review-check-whole
see "ý kiến    [Thông tin chung] Tổng số CBCCVC, người lao động của đơn vị: Tổng s…" review-check-field
see "ý kiến    [Khen thưởng] Đề nghị khen thưởng cấp trên: Đề nghị thứ hai" review-check-table
# After the settings' warning (no place name) and the whole report's two.
keys Down Down Down
see "Ý kiến của Bộ Y tế:  [Thông tin chung] Tổng số CBCCVC, người lao động của" review-check-detail
see "ghi rõ số nữ." review-check-detail-whole
keys Enter
wait_gone "$UI_CHECK_TITLE" >/dev/null
see "→* Tổng số CBCCVC" review-check-jumped
quit_with F10 review-editor-quit
end

# --- without colour (a monochrome terminal): the mark and the quote are characters -------------
begin review-mono
W=80 H=24
TUI_TERM=xterm-mono clerk review-mono edit 2024
see "│ $UI_WHOLE" review-mono-whole
see "→ Thông tin chung" review-mono-section
keys Enter
keys C-f
see "Tìm mục: gõ vài chữ" review-mono-find
typ "tong_so_nguoi"
keys Enter
see "Tổng số CBCCVC, người lao động của đơn vị · Thông tin chung" review-mono-found
keys Enter
see "→* Tổng số CBCCVC" review-mono-mark
see "│ $UI_FIELD_COMMENT" review-mono-comment
quit_with F10 review-mono-quit
end

# --- in English, and without diacritics ---------------------------------------------------------
begin review-english
W=80 H=24
clerk review-english --lang en
see "The Ministry asks for fixes (4 comments)" review-english-home
quit_with F10 review-english-quit
end
begin review-ascii
W=80 H=24
TUI_LANG=C clerk review-ascii edit 2024
see "| Bo Y te, ve ca bao cao: Thieu ban quet co dau do." review-ascii-whole
see "> Thong tin chung" review-ascii-section
ascii_screen review-ascii-only
quit_with F10 review-ascii-quit
end

# --- packed again from the editor: the comments are answered, the marks gone -------------------
begin review-pack
W=80 H=24
clerk review-pack
open_editor
see "$UI_WHOLE" review-pack-before
keys F5
see "Sẽ gửi: báo cáo năm 2024 của BVDKM" review-pack-summary
keys Enter
see "Lưu gói vào đâu?" review-pack-chooser
choose "goi/" review-pack-folder
keys Enter
see "$E/work/goi" review-pack-in-folder
hl_is "$UI_THIS_FOLDER" review-pack-this-folder
keys Enter
see "Dạng gói" review-pack-form
keys Enter
see "Cụm mật khẩu của khóa đơn vị:" review-pack-passphrase
typ "$UPASS"
keys Enter
if wait_for "Đã đóng gói" "$((TMO * 3))"; then ok; else bad "review-pack: no \"Đã đóng gói\""; show; fi
keys Enter
wait_gone "Đã đóng gói" >/dev/null
see "$UI_TELEX" review-pack-back-in-editor
notsee "Bộ Y tế, về cả báo cáo" review-pack-whole-gone
notsee "→ Thông tin chung" review-pack-section-mark-gone
keys Enter
see "Số hiệu văn bản báo cáo" review-pack-fields
keys C-f
see "Tìm mục: gõ vài chữ" review-pack-find
typ "tong_so_nguoi"
keys Enter
see "Tổng số CBCCVC, người lao động của đơn vị · Thông tin chung" review-pack-found
keys Enter
see "* Tổng số CBCCVC" review-pack-field-shown
notsee "→* Tổng số CBCCVC" review-pack-field-mark-gone
notsee "$UI_FIELD_COMMENT" review-pack-field-comment-gone
# Kept, answered by the revision just packed.
same "$(usql "SELECT answered_by FROM review")" 3 review-pack-answered
same "$(usql "SELECT count(*) FROM review_comment")" 4 review-pack-comments-kept
esc
esc
see "; đã đóng gói" review-pack-home-packed
see "lần 3 (" review-pack-home-revision
notsee "Bộ yêu cầu sửa" review-pack-home-quiet
quit_with F10 review-pack-quit
end

tui_end
