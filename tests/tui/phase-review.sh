#!/bin/sh
# phase-review.sh: the mid-term review 2023-2025 as a report of its own on the clerk's screens at
# 80×24: its row on the home screen after 2025 (not started), started pre-filled from item 1,
# opened in the editor with each pre-filled field's provenance under it, a figure changed (the
# provenance then says so, in the database too), the fields the years cannot give written, and
# packed through the dialogs as XHHT-2023-2025-BVDKM-r1.xhht; the home row then says packed;
# a yearly report changed after, the review filled again from its screen (Ctrl-O, Ctrl-Y) where
# the clerk changed nothing; the 2025 yearly report is left as it was. The review as pre-filled
# (Ctrl-O) at 80×24: a long label cut, never the figure; whole again at 100×30.
# In English, the home lines fit 80 columns. Its print preview is its own (title, heading). The
# review's scan listed at 80×24 with its date whole. xhht edit 2023-2026 refused.
# Usage: sh tests/tui/phase-review.sh BUILD_DIR   (helpers and conventions: tests/tui/lib.sh)
set -u
. "$(dirname "$0")/lib.sh"
tui_setup "$@"
DBCHECK="$PWD/$BUILD/db-check"
[ -x "$DBCHECK" ] || DBCHECK="$(pwd)/build/db-check"
usql() { "$DBCHECK" "$E/data/xhht.db" --sql "$1"; }
UI_PHASE_ROW="Báo cáo giai đoạn 2023-2025: chưa bắt đầu"
UI_PROVENANCE="Điền sẵn: 2023: 2.620, 2024: 5.240, 2025: 6.011"
UI_FIND_LIST="Các mục khớp với"

# Three yearly reports of an enrolled unit, 2023 with half the training participations.
clerk_enrolled
sed -e 's/"year": 2024/"year": 2023/' -e 's/"dao_tao.luot_hoc": 5240/"dao_tao.luot_hoc": 2620/' \
	-e 's/"ngay_bao_cao": "2024-/"ngay_bao_cao": "2023-/' "$SAMPLE" >"$T/y2023.json"
cp "$SAMPLE" "$T/y2024.json"
sed -e 's/"year": 2024/"year": 2025/' -e 's/"dao_tao.luot_hoc": 5240/"dao_tao.luot_hoc": 6011/' \
	-e 's/"ngay_bao_cao": "2024-/"ngay_bao_cao": "2025-/' "$SAMPLE" >"$T/y2025.json"
for y in 2023 2024 2025; do
	expect 0 load-$y "$XHHT" --data "$E/data" load $y "$T/y$y.json"
done
"$XHHT" --data "$E/data" export 2025 --format json >"$T/before.json" 2>/dev/null </dev/null
before=$(usql "SELECT revision || '/' || updated_at FROM report WHERE year = 2025 AND phase_first = 0")

begin review-start
W=80 H=24 TUI_TODAY=2025-11-20 clerk review-start
see "Báo cáo năm 2025:" home-2025
# The review's row follows its closing year's.
keys Right
see "$UI_PHASE_ROW" home-review-row
see "[2023-2025]" home-review-in-years
see "Việc tiếp theo: bắt đầu báo cáo giai đoạn (mục 1)" home-review-next
# Item 1 starts it, pre-filled, and opens it.
typ 1
see "Giai đoạn 2023-2025 — bắt buộc" editor-review-title
same "$(usql "SELECT count(*) FROM report WHERE year = 2025")" 2 stored-beside-2025
same "$(usql "SELECT from_vi FROM prefill WHERE phase_first = 2023 AND field_id = 'chi_tieu.luot_hoc'")" \
	"2023: 2.620, 2024: 5.240, 2025: 6.011" stored-provenance
# A pre-filled figure, found by its id: its provenance under it; changed, it says so.
keys C-f
typ "chi_tieu.luot_hoc"
keys Enter
see "Số lượt người được đào tạo" find-sum
keys Enter
see "$UI_PROVENANCE" provenance-shown
clear_field 6
typ "14000"
keys Tab
see "đã sửa, điền sẵn là 13.871" provenance-changed
same "$(usql "SELECT changed FROM prefill WHERE phase_first = 2023 AND field_id = 'chi_tieu.luot_hoc'")" \
	1 changed-stored
same "$(usql "SELECT value FROM report_value WHERE phase_first = 2023 AND field_id = 'chi_tieu.luot_hoc'")" \
	14000 value-stored
# What the years cannot give: the date, the assessment, the way ahead.
keys C-f
typ "chung.ngay_bao_cao"
keys Enter
see "Ngày báo cáo" find-date
keys Enter
typ "18/11/2025"
keys Tab
for id in tieu_chi.danh_gia kien_nghi.phuong_huong; do
	keys C-f
	typ "$id"
	keys Enter
	wait_for "$UI_FIND_LIST" >/dev/null
	keys Enter
	wait_gone "$UI_FIND_LIST" >/dev/null
	keys Enter
	see " — 0/" longtext-$id
	typ "Ddax laf"
	see "Đã là" longtext-typed-$id
	esc
done
same "$(usql "SELECT count(*) FROM report_value WHERE phase_first = 2023 AND field_id IN
	('chung.ngay_bao_cao', 'tieu_chi.danh_gia', 'kien_nghi.phuong_huong')")" 3 written-stored
# Packed from the editor through the dialogs, under the review's own name.
keys F5
see "Sẽ gửi: báo cáo giai đoạn 2023-2025 của BVDKM, 0 tệp đính kèm" pack-summary
keys Enter
see "Lưu gói vào đâu? (USB ở đầu danh sách)" pack-chooser
choose "goi/" pack-choose-folder
keys Enter
see "$E/work/goi" pack-chooser-in-folder
keys Enter
see "Dạng gói" pack-form
keys Enter
see "Cụm mật khẩu của khóa đơn vị:" pack-passphrase
typ "$UPASS"
keys Enter
if wait_for "Đã đóng gói" "$((TMO * 3))"; then ok; else
	bad "pack: no \"Đã đóng gói\""
	show
fi
see "XHHT-2023-2025-BVDKM-r1.xhht" pack-name-shown
[ -s "$E/work/goi/XHHT-2023-2025-BVDKM-r1.xhht" ] && ok ||
	bad "pack: no XHHT-2023-2025-BVDKM-r1.xhht in $E/work/goi: $(ls "$E/work/goi")"
keys Enter
# Back home (the fields, then the editor): the review's row says it was packed.
esc
esc
see "Báo cáo giai đoạn 2023-2025: đã điền" home-review-state
see "đã đóng gói lần 1 (" home-review-packed
see "Báo cáo giai đoạn 2023-2025: Ctrl-O xem nguồn điền sẵn, điền lại." home-review-refill-key
quit_with F10 review-quit
end
# The review's revision and bundle are its own; the 2025 yearly report is as it was.
same "$(usql "SELECT revision FROM report WHERE year = 2025 AND phase_first = 2023")" 1 review-revision
same "$(usql "SELECT count(*) FROM bundle WHERE year = 2025 AND phase_first = 0")" 0 no-2025-bundle
same "$(usql "SELECT revision || '/' || updated_at FROM report WHERE year = 2025 AND phase_first = 0")" \
	"$before" year-untouched
"$XHHT" --data "$E/data" export 2025 --format json >"$T/after.json" 2>/dev/null </dev/null
if cmp -s "$T/before.json" "$T/after.json"; then ok; else bad "the 2025 report changed"; fi


# A yearly report changed after the review started: Ctrl-O shows the review as stored, Ctrl-Y
# fills it again where the clerk changed nothing (the courses), never over what they typed.
sed -e 's/"dao_tao.so_khoa": 86/"dao_tao.so_khoa": 90/' "$T/y2025.json" >"$T/y2025b.json"
expect 0 load-2025-again "$XHHT" --data "$E/data" load 2025 "$T/y2025b.json"
before=$(usql "SELECT revision || '/' || updated_at FROM report WHERE year = 2025 AND phase_first = 0")
begin review-refill
W=80 H=24 TUI_TODAY=2025-11-20 clerk review-refill
see "Báo cáo năm 2025:" refill-home
keys Right
see "Báo cáo giai đoạn 2023-2025: đã điền" refill-review-row
keys C-o
see "Báo cáo giai đoạn 2023-2025, đã bắt đầu" refill-view-title
see "Ctrl-Y Điền lại" refill-key-named
keys C-y
see "Đã điền lại" refill-said
see "giữ nguyên 1 mục đã sửa tay" refill-kept-said
esc
quit_with F10 refill-quit
end
same "$(usql "SELECT value FROM report_value WHERE phase_first = 2023 AND field_id = 'chi_tieu.so_khoa'")" \
	"$((86 + 86 + 90))" refill-new-courses
same "$(usql "SELECT value FROM report_value WHERE phase_first = 2023 AND field_id = 'chi_tieu.luot_hoc'")" \
	14000 refill-typed-kept
same "$(usql "SELECT value FROM report_value WHERE phase_first = 2023 AND field_id = 'kien_nghi.phuong_huong'")" \
	"Đã là" refill-written-kept

# Filling again changed nothing of the 2025 yearly report either.
same "$(usql "SELECT revision || '/' || updated_at FROM report WHERE year = 2025 AND phase_first = 0")" \
	"$before" year-untouched-by-refill
# The review as pre-filled (Ctrl-O) at 80×24: a long label is cut, never the figure after it;
# at 100×30 the same line whole.
begin review-view-figures
W=80 H=24 TUI_TODAY=2025-11-20 clerk review-view-figures
see "Báo cáo năm 2025:" view-home
keys Right
see "Báo cáo giai đoạn 2023-2025: đã điền" view-review-row
keys C-o
see "Điền sẵn từ báo cáo năm:" view-open
page_to "…: 10.350.000.000 đ" view-money-80
$S resize-window -t 0 -x 100 -y 30
see "Kinh phí đầu tư cho học tập, đào tạo, bồi dưỡng (đồng) (cộng 2023 - 2025): 10.350.000.000 đ" \
	view-money-100
see "Số người được công nhận danh hiệu \"Công dân học tập\" (cộng 2023 - 2025): 2.436" view-citizens-100
esc
quit_with F10 view-quit
end
# In English at 80×24 the review's row and its Ctrl-O line name it alike and fit the width.
begin review-home-en
W=80 H=24 TUI_TODAY=2025-11-20 clerk review-home-en --lang en
see "2025 report:" home-en-2025
keys Right
see "2023-2025 phase report:" home-en-review-row
see "2023-2025 phase report: Ctrl-O shows its sources and fills it again." home-en-ctrl-o-line
notsee "agai…" home-en-line-not-cut
keys C-o
see "The 2023-2025 phase report, started" view-en-title
esc
quit_with F10 home-en-quit
end
# The review's scan in its attachments at 80×24: the name gives way, the date it was added
# is whole (dd/mm/yyyy hh:mm at the line's end); at 100×30 too.
printf '%%PDF-1.4\n%% bản quét báo cáo sơ kết có dấu đỏ\n' >"$T/so-ket-quet.pdf"
expect 0 attach-review "$XHHT" --data "$E/data" attach 2023-2025 "$T/so-ket-quet.pdf"
dated() { screen; grep -qE "^ so-ket-quet\.pdf .* KB  [0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2} *$" "$SCR"; }
begin review-attachments
W=80 H=24 TUI_TODAY=2025-11-20 clerk review-attachments
see "Báo cáo năm 2025:" attachments-home
keys Right
see "Báo cáo giai đoạn 2023-2025:" attachments-review-row
typ 4
see "Tệp đính kèm báo cáo giai đoạn 2023-2025" attachments-open
if poll "$TMO" 0.05 dated; then ok; else bad "attachments at 80×24: the date added is not whole"; show; fi
$S resize-window -t 0 -x 100 -y 30
sleep 0.3
if poll "$TMO" 0.05 dated; then ok; else bad "attachments at 100×30: the date added is not whole"; show; fi
esc
quit_with F10 attachments-quit
end
# The review's print preview (F3) is the review's: named by its period, under its own title,
# not as the 2025 report.
begin review-preview
W=80 H=24 TUI_TODAY=2025-11-20 clerk review-preview
see "Báo cáo năm 2025:" preview-home
keys Right
see "Báo cáo giai đoạn 2023-2025:" preview-review-row
keys F3
see "Bản in báo cáo giai đoạn 2023-2025" preview-title
see "Báo cáo sơ kết giai đoạn 2023 - 2025" preview-heading
notsee "Bản in báo cáo năm 2025" preview-not-2025
notsee "suốt đời” năm 2025" preview-not-2025-heading
esc
quit_with F10 preview-quit
end
# xhht edit with a span no phase has is refused, naming the phases; it opens no other report.
begin review-edit-no-phase
W=80 H=24 TUI_TODAY=2025-11-20 clerk review-edit-no-phase edit 2023-2026
see "không có mẫu báo cáo giai đoạn 2023-2026 (có: 2023-2025, 2023-2030)" edit-no-phase-says
see "EXITED 1" edit-no-phase-exit
notsee "Báo cáo năm 2023" edit-no-phase-no-other
end
tui_end
