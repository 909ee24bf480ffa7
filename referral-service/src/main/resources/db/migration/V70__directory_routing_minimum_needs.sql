-- Issue 16 / ADR 0053: the routing answer now carries the service's minimumNeeds (complex cases only). Routing answers
-- held from before lack it; drop them so the next send asks directory-service again (the read model refills itself).
delete from directory_routing;
