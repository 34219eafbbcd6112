-- 0010-template-published.sql: who published each template at this central (xhht-central
-- template publish); NULL for the templates built into the program. When is installed_at.
ALTER TABLE template ADD COLUMN published_by TEXT;
