package org.pathways.directory.domain;

/** The UK nation whose bank holidays apply to a service's working-day response targets (GOV.UK bank holiday divisions). */
public enum Nation {
    ENGLAND_AND_WALES("england-and-wales"),
    SCOTLAND("scotland"),
    NORTHERN_IRELAND("northern-ireland");

    private final String bankHolidayDivision;

    Nation(String bankHolidayDivision) {
        this.bankHolidayDivision = bankHolidayDivision;
    }

    /** The division name used by https://www.gov.uk/bank-holidays.json. */
    public String bankHolidayDivision() {
        return bankHolidayDivision;
    }
}
