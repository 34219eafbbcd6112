/* test_ime.c: the Vietnamese input method: Telex and VNI rules, tone styles, case, undo,
 * restore, Backspace and composed text, then the peers' case files. */
#include "testlib.h"

#include <unistd.h>

#include "ime.h"
#include "text.h"

struct ime_case {
	const char *keys, *want;
};

/* Runs every case and reports all mismatches at once, so one run shows the whole picture. */
static void
check_cases(enum ime_method method, enum ime_tone_style style, bool restore,
	    const struct ime_case *cases, size_t n)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		char *got = ime_compose(method, style, restore, cases[i].keys);
		if (strcmp(got, cases[i].want) != 0) {
			print_error("%s (%s, restore %s): \"%s\" gave \"%s\", wanted \"%s\"\n",
				    method == IME_VNI ? "VNI" : "Telex",
				    style == IME_TONE_NEW ? "new" : "old", restore ? "on" : "off",
				    cases[i].keys, got, cases[i].want);
			bad++;
		}
		free(got);
	}
	if (bad)
		fail_msg("%d of %zu cases differ", bad, n);
}

/* Cases whose result does not depend on the tone style or on restoring. */
static void
check_all_modes(enum ime_method method, const struct ime_case *cases, size_t n)
{
	for (int s = 0; s < 2; s++)
		for (int r = 0; r < 2; r++)
			check_cases(method, s ? IME_TONE_NEW : IME_TONE_OLD, r, cases, n);
}

static void
test_telex_tones(void **state)
{
	(void)state;
	static const struct ime_case cases[] = {
		{"as", "á"}, {"af", "à"}, {"ar", "ả"}, {"ax", "ã"}, {"aj", "ạ"},
		{"bans", "bán"}, {"banf", "bàn"}, {"banr", "bản"}, {"banx", "bãn"}, {"banj", "bạn"},
		{"mas", "má"}, {"maf", "mà"}, {"mar", "mả"}, {"max", "mã"}, {"maj", "mạ"},
		{"ems", "ém"}, {"tuf", "tù"}, {"nhir", "nhỉ"}, {"kyx", "kỹ"}, {"nuj", "nụ"},
		{"bos", "bó"}, {"ver", "vẻ"}, {"ddis", "đí"}, {"ddeer", "để"}, {"sangs", "sáng"},
		{"xanh", "xanh"}, {"ruwowuj", "rượu"}, {"ngax", "ngã"}, {"hoir", "hỏi"},
		{"nawngj", "nặng"}, {"sawcs", "sắc"}, {"huyeenf", "huyền"},
		/* A later tone replaces the earlier one. */
		{"asf", "à"}, {"meofs", "méo"}, {"banfj", "bạn"}, {"anhxr", "ảnh"},
		{"hoir", "hỏi"}, {"hoisr", "hỏi"},
		/* z removes the tone, and is a letter when there is none. */
		{"asz", "a"}, {"toansz", "toan"}, {"hafz", "ha"}, {"quanrz", "quan"},
		{"az", "az"}, {"loz", "loz"}, {"baz", "baz"}, {"losz", "lo"},
		/* No vowel yet: tone keys are letters. */
		{"s", "s"}, {"ddx", "đx"}, {"qur", "qur"}, {"zzzjjjjhhhkkk", "zzzjjjjhhhkkk"},
		{"sf", "sf"},
	};
	check_all_modes(IME_TELEX, cases, ARRAY_LEN(cases));
}

static void
test_telex_marks(void **state)
{
	(void)state;
	static const struct ime_case cases[] = {
		{"aa", "â"}, {"ee", "ê"}, {"oo", "ô"}, {"aw", "ă"}, {"ow", "ơ"}, {"uw", "ư"},
		{"dd", "đ"}, {"caan", "cân"}, {"ddeem", "đêm"}, {"nhoo", "nhô"},
		{"trawng", "trăng"}, {"mow", "mơ"}, {"tuw", "tư"}, {"ddaau", "đâu"},
		{"ddaay", "đây"}, {"tooi", "tôi"}, {"mootj", "một"}, {"khuaang", "khuâng"},
		{"quaan", "quân"}, {"tuaanf", "tuần"}, {"hoawcj", "hoặc"}, {"ngoawtj", "ngoặt"},
		{"chuaw", "chưa"}, {"muaw", "mưa"}, {"cuwuf", "cừu"}, {"guwir", "gửi"},
		{"toiw", "tơi"}, {"mowis", "mới"}, {"vuonw", "vươn"},
		/* w changes a circumflex into a breve or a horn, a/o change them back. */
		{"aaw", "ă"}, {"awa", "â"}, {"oow", "ơ"}, {"owo", "ô"}, {"toowi", "tơi"},
		/* A lone w is ư. */
		{"w", "ư"}, {"W", "Ư"}, {"wa", "ưa"}, {"nhw", "như"}, {"tw", "tư"},
		{"ddwngs", "đứng"}, {"trwowngf", "trường"}, {"wowfi", "ười"}, {"cwoif", "cười"},
		/* One w after uo horns both; an open uơ after h, kh, th or nothing keeps its u. */
		{"nguoiw", "ngươi"}, {"nguowif", "người"}, {"truowcs", "trước"},
		{"dduowcj", "được"}, {"huowu", "hươu"}, {"ruowuj", "rượu"},
		{"tuwowngr", "tưởng"}, {"uwon", "ươn"}, {"huow", "huơ"}, {"thuowr", "thuở"},
		{"khuow", "khuơ"}, {"uorw", "uở"}, {"duow", "dươ"}, {"quowr", "quở"},
		{"huown", "hươn"}, {"NGUOIW", "NGƯƠI"},
		/* dd: the d just typed, or the word's first d once there is a vowel. */
		{"ddi", "đi"}, {"Doongd", "Đông"}, {"dongd", "đong"}, {"SDD", "SĐ"},
		{"add", "add"}, {"address", "address"}, {"Ddaf", "Đà"},
		/* Marks that cannot make a Vietnamese vowel group are letters. */
		{"ngoao", "ngoao"}, {"ngoeo", "ngoeo"}, {"che", "che"}, {"chew", "chew"},
		{"acha", "acha"}, {"tiw", "tiw"},
	};
	check_all_modes(IME_TELEX, cases, ARRAY_LEN(cases));
}

/* Tone and mark keys anywhere after the vowel, even after the final consonant; the tone moves
 * to the right vowel as the word changes. */
static void
test_telex_free_order(void **state)
{
	(void)state;
	static const struct ime_case cases[] = {
		{"toosi", "tối"}, {"toios", "tối"}, {"toois", "tối"},
		{"tuyenre", "tuyển"}, {"tuyener", "tuyển"}, {"tuyeren", "tuyển"},
		{"tuyeenr", "tuyển"}, {"tuyerne", "tuyển"},
		{"vijete", "việt"}, {"vieetj", "việt"}, {"vietje", "việt"}, {"vieejt", "việt"},
		{"vietej", "việt"},
		{"duowidro", "đuổi"}, {"dduooir", "đuổi"}, {"bocso", "bốc"}, {"hoangfr", "hoảng"},
		{"giamaf", "giầm"}, {"tiengse", "tiếng"}, {"tieesng", "tiếng"},
		{"tiesnge", "tiếng"},
		{"nguoiwf", "người"}, {"nguowfi", "người"}, {"nguwowif", "người"},
		{"truocws", "trước"}, {"truocsw", "trước"}, {"duocwdj", "được"},
		{"dayaf", "dầy"}, {"dayafd", "đầy"}, {"khoefo", "khoèo"}, {"hoafn", "hoàn"},
		{"quyenef", "quyền"}, {"churiw", "chửi"}, {"chuiwr", "chửi"},
		{"khuanga", "khuâng"}, {"khuaya", "khuây"}, {"yesme", "yếm"},
		{"hoanwg", "hoăng"}, {"buwoswc", "bước"}, {"huoswc", "hước"},
	};
	check_all_modes(IME_TELEX, cases, ARRAY_LEN(cases));
}

/* The same key again takes its effect back and is typed as a letter. */
static void
test_telex_undo(void **state)
{
	(void)state;
	static const struct ime_case cases[] = {
		{"ass", "as"}, {"aff", "af"}, {"arr", "ar"}, {"axx", "ax"}, {"ajj", "aj"},
		{"aaa", "aa"}, {"eee", "ee"}, {"ooo", "oo"}, {"aww", "aw"}, {"oww", "ow"},
		{"uww", "uw"}, {"ddd", "dd"}, {"DDd", "Dd"}, {"ww", "w"}, {"chuww", "chuw"},
		{"hww", "hw"}, {"noww", "now"}, {"casse", "case"}, {"tesst", "test"},
		{"herr", "her"}, {"xooong", "xoong"}, {"linux", "linux"}, {"huww", "huw"},
	};
	check_all_modes(IME_TELEX, cases, ARRAY_LEN(cases));
}

/* After c, ch, p, t only sắc and nặng exist. */
static void
test_telex_stop_finals(void **state)
{
	(void)state;
	static const struct ime_case cases[] = {
		{"cacs", "các"}, {"cacj", "cạc"}, {"cacf", "cacf"}, {"catr", "catr"},
		{"hocj", "học"}, {"hojc", "học"}, {"hocf", "hocf"}, {"dichj", "dịch"},
		{"sachs", "sách"}, {"sachx", "sachx"}, {"tapj", "tạp"}, {"tapr", "tapr"},
		{"hetx", "hetx"}, {"ddawks", "đắk"},
	};
	check_all_modes(IME_TELEX, cases, ARRAY_LEN(cases));
}

static void
test_telex_gi_qu(void **state)
{
	(void)state;
	static const struct ime_case cases[] = {
		{"gif", "gì"}, {"gis", "gí"}, {"giaf", "già"}, {"gias", "giá"}, {"gifa", "già"},
		{"giuwax", "giữa"}, {"giwax", "giữa"}, {"giw", "giư"}, {"gifn", "gìn"},
		{"gieengs", "giếng"}, {"giuowngf", "giường"}, {"giowf", "giờ"},
		{"quar", "quả"}, {"quas", "quá"}, {"quys", "quý"}, {"qur", "qur"},
		{"quoocs", "quốc"}, {"quyeenf", "quyền"}, {"quaanf", "quần"}, {"quyts", "quýt"},
		{"quawngr", "quẳng"}, {"quowf", "quờ"},
	};
	check_all_modes(IME_TELEX, cases, ARRAY_LEN(cases));
}

static void
test_tone_styles(void **state)
{
	(void)state;
	static const struct {
		const char *keys, *old_style, *new_style;
	} cases[] = {
		{"hoaf", "hòa", "hoà"}, {"khoer", "khỏe", "khoẻ"}, {"thuyr", "thủy", "thuỷ"},
		{"toaf", "tòa", "toà"}, {"hoas", "hóa", "hoá"}, {"hoaj", "họa", "hoạ"},
		{"xoas", "xóa", "xoá"}, {"loef", "lòe", "loè"}, {"uyr", "ủy", "uỷ"},
		{"tuyf", "tùy", "tuỳ"}, {"huyr", "hủy", "huỷ"}, {"khoes", "khóe", "khoé"},
		{"Hoaf", "Hòa", "Hoà"}, {"THUYR", "THỦY", "THUỶ"},
		/* Not open oa, oe, uy: the same in both. */
		{"hoangf", "hoàng", "hoàng"}, {"hoafn", "hoàn", "hoàn"}, {"hoaif", "hoài", "hoài"},
		{"quys", "quý", "quý"}, {"muaf", "mùa", "mùa"}, {"caif", "cài", "cài"},
		{"thuyeenf", "thuyền", "thuyền"}, {"khuyur", "khuỷu", "khuỷu"},
		{"ngoaos", "ngoáo", "ngoáo"}, {"khuyas", "khuýa", "khuýa"},
		{"huyts", "huýt", "huýt"}, {"mias", "mía", "mía"}, {"mauf", "màu", "màu"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const struct ime_case o = {cases[i].keys, cases[i].old_style};
		const struct ime_case n = {cases[i].keys, cases[i].new_style};
		check_cases(IME_TELEX, IME_TONE_OLD, true, &o, 1);
		check_cases(IME_TELEX, IME_TONE_NEW, true, &n, 1);
	}
	static const struct ime_case vni_old[] = {
		{"hoa2", "hòa"}, {"khoe3", "khỏe"}, {"thuy3", "thủy"}, {"hoa2n", "hoàn"},
	};
	static const struct ime_case vni_new[] = {
		{"hoa2", "hoà"}, {"khoe3", "khoẻ"}, {"thuy3", "thuỷ"}, {"hoa2n", "hoàn"},
	};
	check_cases(IME_VNI, IME_TONE_OLD, true, vni_old, ARRAY_LEN(vni_old));
	check_cases(IME_VNI, IME_TONE_NEW, true, vni_new, ARRAY_LEN(vni_new));
}

/* Each letter keeps the case of its own key; mark and tone keys work in either case. */
static void
test_case(void **state)
{
	(void)state;
	static const struct ime_case cases[] = {
		{"VIEETJ", "VIỆT"}, {"Vieetj", "Việt"}, {"DDaay", "Đây"}, {"chEe", "chÊ"},
		{"loAnj", "loẠn"}, {"Oo", "Ô"}, {"NGUOWIF", "NGƯỜI"}, {"Nguowif", "Người"},
		{"TIEENGS VIEETJ", "TIẾNG VIỆT"}, {"DDAWKS LAWKS", "ĐẮK LẮK"},
		{"ThuowR", "Thuở"}, {"AS", "Á"}, {"aS", "á"}, {"VIEETJ NAM", "VIỆT NAM"},
		{"HOAWCJ", "HOẶC"}, {"GIWX", "GIỮ"}, {"QUOOCS", "QUỐC"}, {"DDOONGF", "ĐỒNG"},
		{"ASS", "AS"},
	};
	check_all_modes(IME_TELEX, cases, ARRAY_LEN(cases));
}

/* A word that is not Vietnamese gets its keys back at a space, punctuation, a line break or the
 * end; a Vietnamese one, or one with a dd, stays. */
static void
test_restore(void **state)
{
	(void)state;
	static const struct ime_case on[] = {
		{"windows", "windows"}, {"class", "class"}, {"Microsoft", "Microsoft"},
		{"Google", "Google"}, {"system", "system"}, {"flow", "flow"}, {"ibus", "ibus"},
		{"case", "case"}, {"tooss", "tooss"}, {"sawss", "sawss"}, {"Loorngr", "Loorngr"},
		{"dead", "dead"}, {"DDHYD", "ĐHYD"}, {"reset", "rết"},
		{"windows, class.", "windows, class."}, {"case\nvieetj", "case\nviệt"},
		{"hofc", "hofc"}, {"ngif", "ngif"}, {"cef", "cef"}, {"ghaf", "ghaf"},
		{"gaf", "gà"}, {"ghees", "ghế"}, {"nghir", "nghỉ"}, {"kes", "ké"},
		{"Installation teardown overflow", "Installation teardown overflow"},
		{"owd", "owd"}, {"uwo", "uwo"}, {"aw", "ă"}, {"duow", "dươ"},
		{"windows (vieetj)", "windows (việt)"},
	};
	static const struct ime_case off[] = {
		{"case", "cáe"}, {"tooss", "tôs"}, {"sawss", "săs"}, {"flow", "flow"},
		{"hofc", "hòc"}, {"Loorngr", "Lôngr"}, {"owd", "ơd"}, {"reset", "rết"},
	};
	check_cases(IME_TELEX, IME_TONE_OLD, true, on, ARRAY_LEN(on));
	check_cases(IME_TELEX, IME_TONE_OLD, false, off, ARRAY_LEN(off));
}

static void
test_vni(void **state)
{
	(void)state;
	static const struct ime_case cases[] = {
		{"a1", "á"}, {"a2", "à"}, {"a3", "ả"}, {"a4", "ã"}, {"a5", "ạ"},
		{"a6", "â"}, {"e6", "ê"}, {"o6", "ô"}, {"a8", "ă"}, {"o7", "ơ"}, {"u7", "ư"},
		{"d9", "đ"}, {"D9", "Đ"}, {"uo7ng", "ương"}, {"d9uo75c", "được"},
		{"a10", "a"}, {"ha20", "ha"}, {"a0", "a0"},
		{"tieng61", "tiếng"}, {"tie6ng1", "tiếng"}, {"tie61ng", "tiếng"},
		{"vie65t", "việt"}, {"vie5t6", "việt"}, {"viet65", "việt"},
		{"a11", "a1"}, {"a66", "a6"}, {"a88", "a8"}, {"d99", "d9"},
		{"che8", "che8"}, {"he7", "he7"}, {"a68", "ă"}, {"a86", "â"},
		{"hoc5", "học"}, {"hoc2", "hoc2"}, {"day96", "đây"},
		{"nguo72i", "người"}, {"nguoi72", "người"}, {"thuo73", "thuở"}, {"huo7", "huơ"},
		{"quy1", "quý"}, {"gi2", "gì"}, {"gia2", "già"}, {"qua3", "quả"},
		{"111222333444555666777888999000", "111222333444555666777888999000"},
		{"Vie65t Nam", "Việt Nam"}, {"VIE65T", "VIỆT"}, {"muo7n1", "mướn"},
		{"tru7o7c1", "trước"}, {"truoc71", "trước"}, {"hoang23", "hoảng"},
		{"trang8", "trăng"}, {"mot65", "một"}, {"u7a", "ưa"}, {"cu7u2", "cừu"},
		{"xin chao2, to6i la2 mo65t con autobot d9uo75c xa6y du7ng5 d9e63 test ibus",
		 "xin chào, tôi là một con autobot được xây dựng để test ibus"},
		{"case2", "case2"},
	};
	check_all_modes(IME_VNI, cases, ARRAY_LEN(cases));
}

/* Backspace removes the last character shown, with the tone when that character carried it,
 * and typing goes on from what is left. */
static void
test_backspace(void **state)
{
	(void)state;
	static const struct ime_case both[] = {
		{"vieetj\b", "việ"}, {"tieengs\b", "tiến"}, {"tieengs\bg", "tiếng"},
		{"vieet\bj", "việ"}, {"ass\bs", "á"}, {"as\b", ""}, {"as\b\bb", "b"},
		{"ab \b\bc", "ac"}, {"\b\b", ""},
		{"nguowif\b\b", "ngư"}, {"nguowif\b\bf", "ngừ"}, {"dd\b", ""},
		{"ddi\bu", "đu"}, {"hoangf\b\b", "hoà"}, {"caasn\bm", "cấm"},
	};
	static const struct ime_case old_style[] = {
		{"hoaf\b", "hò"}, {"hoanf\b", "hòa"},
	};
	static const struct ime_case new_style[] = {
		{"hoaf\b", "ho"}, {"hoanf\b", "hoà"},
	};
	static const struct ime_case vni[] = {
		{"vie65t\b", "việ"}, {"tie6ng1\bg", "tiếng"},
	};
	/* The keys kept for a restore follow the Backspace. */
	static const struct ime_case restore[] = {
		{"windowss\b ", "windows "}, {"toossx\b ", "tooss "}, {"owdj\b ", "owd "},
		{"sawss\b ", "să "}, {"ownx\bd ", "owxd "}, {"hocj\b", "họ"},
	};
	check_cases(IME_TELEX, IME_TONE_OLD, true, restore, ARRAY_LEN(restore));
	for (int r = 0; r < 2; r++) {
		check_cases(IME_TELEX, IME_TONE_NEW, r, both, ARRAY_LEN(both));
		check_cases(IME_TELEX, IME_TONE_OLD, r, old_style, ARRAY_LEN(old_style));
		check_cases(IME_TELEX, IME_TONE_NEW, r, new_style, ARRAY_LEN(new_style));
		check_cases(IME_VNI, IME_TONE_OLD, r, vni, ARRAY_LEN(vni));
	}
}

/* Text arriving composed (another input method, a paste typed through) is taken as is. */
static void
test_composed_text(void **state)
{
	(void)state;
	static const struct ime_case cases[] = {
		{"tiếng Việt", "tiếng Việt"}, {"Nguyễn Thị Hoà", "Nguyễn Thị Hoà"},
		{"Đắk Lắk", "Đắk Lắk"}, {"Vie\xcc\x82\xcc\xa3t", "Vie\xcc\x82\xcc\xa3t"},
		{"Thủy, Hòa Bình", "Thủy, Hòa Bình"}, {"€ 100", "€ 100"},
	};
	static const struct ime_case telex[] = {
		{"người — vieetj", "người — việt"}, {"Trần vawn", "Trần văn"},
	};
	static const struct ime_case vni[] = {
		{"người — vie65t", "người — việt"}, {"Trần va8n", "Trần văn"},
	};
	check_all_modes(IME_TELEX, cases, ARRAY_LEN(cases));
	check_all_modes(IME_VNI, cases, ARRAY_LEN(cases));
	check_all_modes(IME_TELEX, telex, ARRAY_LEN(telex));
	check_all_modes(IME_VNI, vni, ARRAY_LEN(vni));
	char *off = ime_compose(IME_OFF, IME_TONE_OLD, true, "vieetj nam\bm");
	assert_string_equal(off, "vieetj nam");
	free(off);
}

/* The edits ime_key asks for: only what changed is deleted and inserted again. */
static void
test_edits(void **state)
{
	(void)state;
	struct ime m;
	struct ime_edit e;

	ime_init(&m, IME_TELEX, IME_TONE_OLD, true);
	assert_true(ime_key(&m, 't', &e));
	assert_int_equal(e.del, 0);
	assert_string_equal(e.text, "t");
	ime_key(&m, 'i', &e);
	ime_key(&m, 'e', &e);
	assert_true(ime_key(&m, 'e', &e));
	assert_int_equal(e.del, 1);
	assert_string_equal(e.text, "ê");
	ime_key(&m, 'n', &e);
	ime_key(&m, 'g', &e);
	assert_true(ime_key(&m, 's', &e));
	assert_int_equal(e.del, 3);
	assert_string_equal(e.text, "ếng");
	assert_int_equal(e.len, strlen("ếng"));
	assert_true(ime_key(&m, ' ', &e));
	assert_int_equal(e.del, 0);
	assert_string_equal(e.text, " ");

	/* A restore deletes the composed word and puts the keys and the space back. */
	ime_key(&m, 'c', &e);
	ime_key(&m, 'a', &e);
	ime_key(&m, 's', &e);
	assert_int_equal(e.del, 1);
	assert_string_equal(e.text, "á");
	ime_key(&m, 'e', &e);
	assert_int_equal(e.del, 0);
	assert_string_equal(e.text, "e");
	ime_key(&m, ' ', &e);
	assert_int_equal(e.del, 3);
	assert_string_equal(e.text, "case ");

	/* ime_commit ends a word without inserting anything. */
	for (const char *k = "windows"; *k; k++)
		ime_key(&m, (unsigned char)*k, &e);
	ime_commit(&m, &e);
	assert_int_equal(e.del, 7);
	assert_string_equal(e.text, "windows");
	ime_commit(&m, &e);
	assert_int_equal(e.del, 0);
	assert_string_equal(e.text, "");

	/* Backspace with no word is the editor's. */
	assert_false(ime_backspace(&m, &e));
	ime_key(&m, 'a', &e);
	ime_key(&m, 's', &e);
	assert_true(ime_backspace(&m, &e));
	assert_int_equal(e.del, 1);
	assert_string_equal(e.text, "");
	assert_false(ime_backspace(&m, &e));

	/* After a reset the text before the cursor is left alone. */
	ime_key(&m, 'v', &e);
	ime_key(&m, 'i', &e);
	ime_key(&m, 'e', &e);
	ime_key(&m, 'e', &e);
	ime_key(&m, 't', &e);
	ime_reset(&m);
	assert_true(ime_key(&m, 'j', &e));
	assert_int_equal(e.del, 0);
	assert_string_equal(e.text, "j");

	/* Values that are not characters are refused. */
	assert_false(ime_key(&m, 0, &e));
	assert_false(ime_key(&m, 0xd800, &e));
	assert_false(ime_key(&m, 0x110000, &e));
	assert_int_equal(e.del, 0);
	assert_int_equal(e.len, 0);

	/* Off: keys go in as they are. */
	ime_init(&m, IME_OFF, IME_TONE_OLD, true);
	assert_true(ime_key(&m, 's', &e));
	assert_int_equal(e.del, 0);
	assert_string_equal(e.text, "s");
	assert_false(ime_backspace(&m, &e));
}

/* A word longer than the method composes goes in as typed, and the next word composes again. */
static void
test_long_word(void **state)
{
	(void)state;
	struct buf keys, want;
	buf_init(&keys);
	buf_init(&want);
	for (int i = 0; i < 3 * IME_WORD_MAX; i++)
		buf_adds(&keys, "ab");
	buf_adds(&want, keys.data);
	buf_adds(&keys, "s vieetj");
	buf_adds(&want, "s việt");
	for (int r = 0; r < 2; r++) {
		char *got = ime_compose(IME_TELEX, IME_TONE_OLD, r, keys.data);
		assert_string_equal(got, want.data);
		free(got);
	}
	/* At the limit the word stops composing: this tone key is a letter. */
	buf_reset(&keys);
	buf_reset(&want);
	for (int i = 0; i < IME_WORD_MAX - 1; i++)
		buf_adds(&keys, "b");
	buf_adds(&keys, "as");
	buf_adds(&want, keys.data);
	char *got = ime_compose(IME_TELEX, IME_TONE_OLD, true, keys.data);
	assert_string_equal(got, want.data);
	free(got);
	buf_free(&keys);
	buf_free(&want);
}

/* Rimes written out by hand: a letter followed by ^ (circumflex), ( (breve) or + (horn), and the
 * letter that takes the tone in the old and in the new style. */
static const struct {
	const char *rime;
	int old_at, new_at;
} rimes[] = {
	{"a", 0, 0}, {"ai", 0, 0}, {"ao", 0, 0}, {"au", 0, 0}, {"ay", 0, 0}, {"an", 0, 0},
	{"ang", 0, 0}, {"anh", 0, 0}, {"am", 0, 0}, {"ac", 0, 0}, {"ach", 0, 0}, {"ap", 0, 0},
	{"at", 0, 0}, {"a(n", 0, 0}, {"a(ng", 0, 0}, {"a(m", 0, 0}, {"a(c", 0, 0}, {"a(t", 0, 0},
	{"a(p", 0, 0}, {"a^n", 0, 0}, {"a^ng", 0, 0}, {"a^m", 0, 0}, {"a^u", 0, 0}, {"a^y", 0, 0},
	{"a^t", 0, 0}, {"a^p", 0, 0}, {"a^c", 0, 0}, {"e", 0, 0}, {"em", 0, 0}, {"en", 0, 0},
	{"eng", 0, 0}, {"eo", 0, 0}, {"et", 0, 0}, {"ep", 0, 0}, {"ec", 0, 0}, {"e^", 0, 0},
	{"e^n", 0, 0}, {"e^nh", 0, 0}, {"e^m", 0, 0}, {"e^u", 0, 0}, {"e^t", 0, 0},
	{"e^ch", 0, 0}, {"e^p", 0, 0}, {"i", 0, 0}, {"in", 0, 0}, {"inh", 0, 0}, {"im", 0, 0},
	{"iu", 0, 0}, {"it", 0, 0}, {"ich", 0, 0}, {"ip", 0, 0}, {"ia", 0, 0}, {"ie^n", 1, 1},
	{"ie^ng", 1, 1}, {"ie^m", 1, 1}, {"ie^u", 1, 1}, {"ie^t", 1, 1}, {"ie^p", 1, 1},
	{"ie^c", 1, 1}, {"o", 0, 0}, {"on", 0, 0}, {"ong", 0, 0}, {"om", 0, 0}, {"oi", 0, 0},
	{"ot", 0, 0}, {"oc", 0, 0}, {"op", 0, 0}, {"o^", 0, 0}, {"o^n", 0, 0}, {"o^ng", 0, 0},
	{"o^m", 0, 0}, {"o^i", 0, 0}, {"o^t", 0, 0}, {"o^c", 0, 0}, {"o^p", 0, 0}, {"o+", 0, 0},
	{"o+n", 0, 0}, {"o+m", 0, 0}, {"o+i", 0, 0}, {"o+t", 0, 0}, {"o+p", 0, 0}, {"oa", 0, 1},
	{"oan", 1, 1}, {"oang", 1, 1}, {"oanh", 1, 1}, {"oai", 1, 1}, {"oay", 1, 1},
	{"oat", 1, 1}, {"oac", 1, 1}, {"oach", 1, 1}, {"oa(n", 1, 1}, {"oa(ng", 1, 1},
	{"oa(c", 1, 1}, {"oa(t", 1, 1}, {"oe", 0, 1}, {"oen", 1, 1}, {"oet", 1, 1},
	{"oeo", 1, 1}, {"u", 0, 0}, {"un", 0, 0}, {"ung", 0, 0}, {"um", 0, 0}, {"ui", 0, 0},
	{"ua", 0, 0}, {"ut", 0, 0}, {"uc", 0, 0}, {"up", 0, 0}, {"u+", 0, 0}, {"u+ng", 0, 0},
	{"u+i", 0, 0}, {"u+u", 0, 0}, {"u+a", 0, 0}, {"u+t", 0, 0}, {"u+c", 0, 0},
	{"uo^n", 1, 1}, {"uo^ng", 1, 1}, {"uo^m", 1, 1}, {"uo^i", 1, 1}, {"uo^t", 1, 1},
	{"uo^c", 1, 1}, {"u+o+n", 1, 1}, {"u+o+ng", 1, 1}, {"u+o+m", 1, 1}, {"u+o+i", 1, 1},
	{"u+o+u", 1, 1}, {"u+o+t", 1, 1}, {"u+o+c", 1, 1}, {"u+o+p", 1, 1}, {"ua^n", 1, 1},
	{"ua^ng", 1, 1}, {"ua^t", 1, 1}, {"ua^y", 1, 1}, {"ue^", 1, 1}, {"ue^nh", 1, 1},
	{"ue^ch", 1, 1}, {"uy", 0, 1}, {"uynh", 1, 1}, {"uych", 1, 1}, {"uyt", 1, 1},
	{"uye^n", 2, 2}, {"uye^t", 2, 2}, {"uya", 1, 1}, {"uyu", 1, 1}, {"y", 0, 0},
};

/* Initials that may stand before any vowel, then those the spelling rules choose between. */
static const char *const free_initials[] = {
	"", "b", "ch", "d", "đ", "h", "kh", "l", "m", "n", "nh", "ph", "r", "s", "t", "th", "tr",
	"v", "x",
};

static void
add_upper(struct buf *b, const char *s, bool caps)
{
	for (; *s; s++)
		buf_addc(b, caps && *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s);
}

/* The keys of one word in one of three orders (0: marks after their letter, tone last; 1: tone
 * right after the vowels; 2: plain letters, then every mark key, then the tone) and the word
 * itself, decomposed. */
static void
sweep_word(struct buf *keys, struct buf *want, const char *initial, const char *rime, int at,
	   int tone, int order, bool vni, bool caps)
{
	static const char *const tone_marks[] = {"", "\xcc\x81", "\xcc\x80", "\xcc\x89",
						 "\xcc\x83", "\xcc\xa3"};
	bool bar = strcmp(initial, "đ") == 0, horn = false, breve = false;
	char hats[4] = "";
	int unit = 0, last_vowel = 0;
	char tone_key[2] = {vni ? (char)('0' + tone) : "\0sfrxj"[tone], '\0'};

	for (const char *r = rime; *r; r++)
		if (strchr("aeiouy", *r))
			last_vowel = (int)(r - rime);
	if (bar) {
		add_upper(keys, order == 2 ? "d" : vni ? "d9" : "dd", caps);
		buf_adds(want, caps ? "Đ" : "đ");
	} else {
		add_upper(keys, initial, caps);
		add_upper(want, initial, caps);
	}
	for (const char *r = rime; *r; r++) {
		char c[2] = {*r, '\0'}, mark = r[1] == '^' || r[1] == '(' || r[1] == '+' ? r[1] : 0;
		add_upper(keys, c, caps);
		add_upper(want, c, caps);
		if (mark == '^') {
			buf_adds(want, "\xcc\x82");
			if (order == 2 && !strchr(hats, *r))
				hats[strlen(hats)] = *r;
			else if (order != 2)
				add_upper(keys, vni ? "6" : c, caps);
		} else if (mark == '(') {
			buf_adds(want, "\xcc\x86");
			breve = true;
			if (order != 2)
				add_upper(keys, vni ? "8" : "w", caps);
		} else if (mark == '+') {
			buf_adds(want, "\xcc\x9b");
			/* ươ takes one w or 7 after the o; a lone ư one after the u. */
			if (order != 2 && !(r[0] == 'u' && r[2] == 'o'))
				add_upper(keys, vni ? "7" : "w", caps);
			horn = true;
		}
		if (unit == at && tone)
			buf_adds(want, tone_marks[tone]);
		if (order == 1 && tone && (int)(r - rime) == last_vowel)
			add_upper(keys, tone_key, caps);
		if (mark)
			r++;
		unit++;
	}
	if (order == 2) {
		for (char *h = hats; *h; h++) {
			char c[2] = {*h, '\0'};
			add_upper(keys, vni ? "6" : c, caps);
		}
		if (breve)
			add_upper(keys, vni ? "8" : "w", caps);
		if (horn)
			add_upper(keys, vni ? "7" : "w", caps);
		if (bar)
			add_upper(keys, vni ? "9" : "d", caps);
	}
	if (order != 1 && tone)
		add_upper(keys, tone_key, caps);
}

/* Types one swept word both ways of restoring and compares; returns the mismatches. */
static int
sweep_check(const struct buf *keys, const struct buf *want, bool vni, bool new_style, int shown)
{
	char *nfc = text_nfc(want->data);
	int bad = 0;
	for (int r = 0; r < 2; r++) {
		char *got = ime_compose(vni ? IME_VNI : IME_TELEX,
					new_style ? IME_TONE_NEW : IME_TONE_OLD, r, keys->data);
		if (strcmp(got, nfc) != 0 && shown + bad++ < 50)
			print_error("%s %s: \"%s\" gave \"%s\", wanted \"%s\"\n",
				    vni ? "VNI" : "Telex", new_style ? "new" : "old", keys->data,
				    got, nfc);
		free(got);
	}
	free(nfc);
	return bad;
}

/* Every rime after initials that may precede it, with every tone it can take, typed in three
 * orders, in lower and upper case, by both methods and in both styles; the expected word is built
 * from combining marks and normalised by utf8proc, not by the input method's tables. */
static void
test_syllable_sweep(void **state)
{
	(void)state;
	int words = 0, bad = 0;
	struct buf keys, want;
	buf_init(&keys);
	buf_init(&want);
	for (size_t ri = 0; ri < ARRAY_LEN(rimes); ri++) {
		const char *rime = rimes[ri].rime, *special[3] = {"c", "g", "ng"};
		size_t len = strlen(rime);
		bool stop = strchr("cpt", rime[len - 1]) ||
			    (len >= 2 && strcmp(rime + len - 2, "ch") == 0);
		if (rime[0] == 'e' || rime[0] == 'i') {
			special[0] = "k", special[1] = "gh", special[2] = "ngh";
		} else if (rime[0] == 'y') {
			special[0] = "k", special[1] = "l", special[2] = "m";
		}
		for (size_t ii = 0; ii < ARRAY_LEN(free_initials) + 3; ii++) {
			const char *initial = ii < 3 ? special[ii] : free_initials[ii - 3];
			for (int tone = 0; tone <= 5; tone++) {
				if (stop && tone != 0 && tone != 1 && tone != 5)
					continue;
				for (int v = 0; v < 8; v++) {
					bool vni = v & 1, caps = v & 2, new_style = v & 4;
					int order = (int)((ii + (size_t)tone + ri) % 3);
					int at = new_style ? rimes[ri].new_at : rimes[ri].old_at;
					buf_reset(&keys);
					buf_reset(&want);
					sweep_word(&keys, &want, initial, rime, at, tone, order,
						   vni, caps);
					bad += sweep_check(&keys, &want, vni, new_style, bad);
					words += 2;
				}
			}
		}
	}
	buf_free(&keys);
	buf_free(&want);
	print_message("syllable sweep: %d words, %d differ\n", words, bad);
	if (bad)
		fail_msg("%d of %d swept words differ", bad, words);
}

/* One peer case file: input<TAB>expected<TAB>style (both/old/new), '#' comments. Returns the
 * number of failures after printing up to 50 of them and the pass rate. */
static int
run_peer_file(const char *path, enum ime_method method, bool restore, int *total)
{
	char *text = test_file(path, NULL), *save = NULL;
	int bad = 0, shown = 0;

	*total = 0;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[3] = {line, NULL, NULL};
		if (line[0] == '#' || line[0] == '\0')
			continue;
		for (int i = 1; i < 3; i++) {
			f[i] = f[i - 1] ? strchr(f[i - 1], '\t') : NULL;
			if (f[i])
				*f[i]++ = '\0';
		}
		if (!f[1] || !f[2])
			fail_msg("%s: malformed line \"%s\"", path, line);
		f[2][strcspn(f[2], "\t\r")] = '\0';
		for (int s = 0; s < 2; s++) {
			const char *style = s ? "new" : "old";
			if (strcmp(f[2], "both") != 0 && strcmp(f[2], style) != 0)
				continue;
			enum ime_tone_style st = s ? IME_TONE_NEW : IME_TONE_OLD;
			char *got = ime_compose(method, st, restore, f[0]);
			(*total)++;
			if (strcmp(got, f[1]) != 0) {
				bad++;
				if (shown++ < 50)
					print_message("  %s [%s]: \"%s\" gave \"%s\", "
						      "wanted \"%s\"\n",
						      path, style, f[0], got, f[1]);
			}
			free(got);
		}
	}
	print_message("%s (restore %s): %d/%d pass (%.2f%%)\n", path, restore ? "on" : "off",
		      *total - bad, *total, *total ? 100.0 * (*total - bad) / *total : 0.0);
	free(text);
	return bad;
}

/* The cross-checked peer cases: every one must pass in both restore modes. The larger *_full
 * files are reported only. */
static void
test_peer_cases(void **state)
{
	(void)state;
	static const struct {
		const char *path;
		enum ime_method method;
		bool required;
	} files[] = {
		{"../shared/peer/telex_cases.tsv", IME_TELEX, true},
		{"../shared/peer/vni_cases.tsv", IME_VNI, true},
		{"../shared/peer/telex_cases_full.tsv", IME_TELEX, false},
		{"../shared/peer/vni_cases_full.tsv", IME_VNI, false},
	};
	int failed = 0, found = 0;

	for (size_t i = 0; i < ARRAY_LEN(files); i++) {
		if (access(files[i].path, R_OK) != 0)
			continue;
		found++;
		for (int r = 1; r >= 0; r--) {
			int total, bad = run_peer_file(files[i].path, files[i].method, r, &total);
			assert_true(total > 0);
			if (files[i].required && bad)
				failed++;
		}
	}
	if (!found)
		skip();
	if (failed)
		fail_msg("%d required peer runs have failures", failed);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_telex_tones),
		cmocka_unit_test(test_telex_marks),
		cmocka_unit_test(test_telex_free_order),
		cmocka_unit_test(test_telex_undo),
		cmocka_unit_test(test_telex_stop_finals),
		cmocka_unit_test(test_telex_gi_qu),
		cmocka_unit_test(test_tone_styles),
		cmocka_unit_test(test_case),
		cmocka_unit_test(test_restore),
		cmocka_unit_test(test_vni),
		cmocka_unit_test(test_backspace),
		cmocka_unit_test(test_composed_text),
		cmocka_unit_test(test_edits),
		cmocka_unit_test(test_long_word),
		cmocka_unit_test(test_syllable_sweep),
		cmocka_unit_test(test_peer_cases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
