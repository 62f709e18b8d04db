from tests.approvals import conftest as approvals

# One person for each role in a route, and a complete proposal (tests/approvals), shared as
# fixtures here.
people = approvals.people
make_proposal = approvals.make_proposal
