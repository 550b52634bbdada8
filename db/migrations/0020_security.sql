-- Reserved; filled by the work that needs it (holidays data, grants, security).
SELECT 1;
