/* bundle.h: report bundles (format 1): signed by the unit, encrypted for the central, one file
 * in binary or armored form. The byte layout is in docs/bundle-format.md. */
#ifndef XHHT_BUNDLE_H
#define XHHT_BUNDLE_H

#include <stdint.h>

#include "crypto.h"
#include "store.h"

#define BUNDLE_FORMAT 1
#define BUNDLE_MAX_BYTES (80u * 1024 * 1024)
#define BUNDLE_MAX_REPORT (8u * 1024 * 1024)
#define BUNDLE_MAX_META (64u * 1024)
#define BUNDLE_MAX_ATTACHMENTS 10
#define BUNDLE_MAX_ATTACHMENT (32u * 1024 * 1024)
#define BUNDLE_ID_BYTES 16

/* Why a bundle was refused: the enum, its name (part of the format document, 7.9) and its
 * message for people, each written once. */
#define BUNDLE_ERRORS(X)                                                                          \
	X(BE_OK, "ok", "hợp lệ", "valid")                                                          \
	X(BE_NOT_BUNDLE, "not-a-bundle", "không phải gói báo cáo xhht", "not an xhht report bundle") \
	X(BE_FORMAT_TOO_NEW, "format-too-new",                                                     \
	  "gói do phiên bản mới hơn của xhht tạo: hãy cập nhật chương trình",                      \
	  "made by a newer xhht: update the program")                                             \
	X(BE_FORMAT_OLD, "format-too-old", "gói theo định dạng cũ không còn được hỗ trợ",          \
	  "an old format no longer supported")                                                    \
	X(BE_TOO_LARGE, "too-large", "gói quá lớn", "bundle too large")                            \
	X(BE_NOT_FOR_US, "not-for-us",                                                             \
	  "gói được mã hóa cho nơi nhận khác, không phải khóa của văn phòng này",                  \
	  "encrypted for another recipient, not this office's key")                               \
	X(BE_DAMAGED, "damaged", "gói bị hỏng hoặc bị sửa (thiếu, thừa hoặc sai dữ liệu)",         \
	  "damaged or altered (missing, extra or changed bytes)")                                 \
	X(BE_BAD_SIGNATURE, "bad-signature", "chữ ký không khớp với nội dung",                     \
	  "the signature does not match the content")                                             \
	X(BE_UNKNOWN_SIGNER, "unknown-signer",                                                     \
	  "ký bằng khóa chưa biết (đơn vị chưa đăng ký hoặc khóa lạ)",                             \
	  "signed by an unknown key (unit not enrolled, or a stranger's key)")                    \
	X(BE_REVOKED, "revoked-key",                                                               \
	  "ký bằng khóa đã bị thu hồi hoặc đã được thay, hoặc dùng tệp đăng ký đã bị hủy (cần tệp " \
	  "đăng ký mới)",                                                                          \
	  "signed by a revoked or replaced key, or with a withdrawn enrollment file (a new "      \
	  "enrollment is needed)")                                                                \
	X(BE_WRONG_UNIT, "wrong-unit", "ký bằng khóa của một đơn vị khác",                         \
	  "signed by another unit's key")                                                         \
	X(BE_TEMPLATE, "unknown-template", "mẫu báo cáo chưa có ở văn phòng này",                  \
	  "a report template this office does not have")                                         \
	X(BE_INVALID_REPORT, "invalid-report", "báo cáo bên trong không hợp lệ",                   \
	  "the report inside is not valid")                                                       \
	X(BE_ENROLL_REUSED, "enrollment-reused",                                                   \
	  "CẢNH BÁO: một khóa khác dùng lại tệp và mã đăng ký đã dùng của đơn vị",                 \
	  "ALARM: another key presents the unit's already used enrollment file and code")

enum bundle_error {
#define BUNDLE_ERROR_ENUM(id, name, vi, en) id,
	BUNDLE_ERRORS(BUNDLE_ERROR_ENUM)
#undef BUNDLE_ERROR_ENUM
	BE_COUNT
};
#define BE_LAST (BE_COUNT - 1)

const char *bundle_error_name(enum bundle_error be);    /* "damaged" */
const char *bundle_error_message(enum bundle_error be); /* for people, in the UI language */

struct bundle_attachment {
	char *name; /* file name only, no folders */
	char *type; /* "application/pdf", "image/jpeg", "image/png" */
	uint64_t size;
	unsigned char *data; /* opened bundles */
	/* Packing: reads size bytes from offset into buf; returns false on failure. */
	bool (*read)(void *ctx, uint64_t offset, unsigned char *buf, size_t len);
	void *ctx;
};

/* Everything that is signed (the report and attachments come with it). */
struct bundle_meta {
	char unit[64];
	int year, revision;
	unsigned char id[BUNDLE_ID_BYTES];
	char created[32]; /* ISO 8601 UTC */
	unsigned char recipient[BOX_PK_BYTES];
	unsigned char signer[SIGN_PK_BYTES];
	char template_id[64];
	int template_version;
	bool has_enroll;
	char enroll_id[33];
	unsigned char enroll_secret[ENROLL_SECRET_BYTES];
	bool has_key_change;
	unsigned char old_signer[SIGN_PK_BYTES];
	unsigned char key_change_sig[SIG_BYTES];
};

struct bundle {
	struct bundle_meta meta;
	char *report; /* the report's JSON, NUL-terminated */
	size_t report_len;
	struct bundle_attachment *att;
	size_t natt;
	unsigned char hash[HASH_BYTES]; /* BLAKE2b-256 of the binary form: the bundle's identity */
	struct report *parsed; /* the report as checked against its template (when opened with a db) */
};

struct pack_request {
	struct bundle_meta meta; /* id and created are filled by bundle_pack */
	const char *report;
	size_t report_len;
	const struct bundle_attachment *att;
	size_t natt;
	const unsigned char *sign_sk; /* 64 bytes, in secure memory */
	/* When set, called once the bundle is durably written under its temporary name and has
	 * read back intact, before it takes its name; a failure there leaves no file. */
	enum status (*written)(void *ctx, const unsigned char hash[HASH_BYTES], uint64_t size,
			       struct err *e);
	void *written_ctx;
};

/* Writes the bundle under a temporary name in path's folder, syncs it, reads it back and
 * checks its hash, calls req->written, then gives it its name (never replacing a file, or a
 * symlink, already there) and syncs the folder. Fills meta.id, meta.created and the hash. */
enum status bundle_pack(struct pack_request *req, const char *path, bool armor,
			unsigned char hash[HASH_BYTES], struct err *e);

/* The central's decision on the signer, once the signature is known to be good. */
typedef enum bundle_error (*bundle_trust_fn)(void *ctx, const struct bundle_meta *meta,
					       struct err *e);

/* Opens a bundle (binary bytes; decode armor first). Nothing is returned unless the whole file
 * decrypts, parses canonically, its signature verifies, and trust (when given) accepts it.
 * db is required: the template is looked up in it. ST_OK, or ST_REFUSED with the refusal's
 * class in e->code (an enum bundle_error; BE_OK on success) and in e->msg its message, with
 * the detail after ": " when there is one. The message names the problem only: what to do
 * about it is the front end's to say. */
enum status bundle_open(const unsigned char *data, size_t len, const unsigned char *box_pk,
			const unsigned char *box_sk, bundle_trust_fn trust, void *trust_ctx,
			struct store *db, struct bundle **out, struct err *e);
/* Same; when the signature verified and trust accepted the signer but a later check refused
 * the bundle, seen (if given) receives the authentic header so that the refusal can be
 * recorded and answered. An untrusted signer's claims are never given out. */
enum status bundle_open_seen(const unsigned char *data, size_t len, const unsigned char *box_pk,
			     const unsigned char *box_sk, bundle_trust_fn trust, void *trust_ctx,
			     struct store *db, struct bundle **out, struct bundle_meta *seen,
			     struct err *e);
/* The detail of a refusal filled by bundle_open (the text after its class's message), or "". */
const char *bundle_error_detail(const struct err *e);
void bundle_free(struct bundle *b);

/* The message a new key signs with the old one: "xhht key change v1" || unit || new key. */
void key_change_message(const char *unit, const unsigned char *new_pk, unsigned char *msg,
			size_t *len);

#endif
