"""Routes and decisions, proposals, significant changes and withdrawals now belong to their own
apps (approvals, proposals, changes, leaving). Their tables are renamed to the new apps' names
here and the models leave this app's state; each new app's first migration takes them up
without touching the database, and moves their content types so that every route still finds
what it carries."""

from django.db import migrations

MOVED = {
    # model: new table
    "route": "approvals_route",
    "historicalroute": "approvals_historicalroute",
    "decision": "approvals_decision",
    "proposal": "proposals_proposal",
    "historicalproposal": "proposals_historicalproposal",
    "significantchange": "changes_significantchange",
    "historicalsignificantchange": "changes_historicalsignificantchange",
    "withdrawal": "leaving_withdrawal",
    "historicalwithdrawal": "leaving_historicalwithdrawal",
}


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0005_withdrawal")]

    operations = [
        *(migrations.AlterModelTable(name=model, table=table) for model, table in MOVED.items()),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                # Decisions point at routes, so they go first.
                migrations.DeleteModel(name="Decision"),
                migrations.DeleteModel(name="HistoricalRoute"),
                migrations.DeleteModel(name="Route"),
                migrations.DeleteModel(name="HistoricalProposal"),
                migrations.DeleteModel(name="Proposal"),
                migrations.DeleteModel(name="HistoricalSignificantChange"),
                migrations.DeleteModel(name="SignificantChange"),
                migrations.DeleteModel(name="HistoricalWithdrawal"),
                migrations.DeleteModel(name="Withdrawal"),
            ],
            database_operations=[],
        ),
    ]
