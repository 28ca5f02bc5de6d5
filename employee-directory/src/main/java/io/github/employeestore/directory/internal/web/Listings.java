package io.github.employeestore.directory.internal.web;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SearchIndexNotReadyException;

/**
 * Which read of the store a listing is, one rule for the pages and the JSON API: a search by name ({@code q}, with
 * the location and job title filters when given) is {@code find(EmployeeQuery.name(q)...)}; filters alone are a
 * {@code find} by them; nothing is the whole directory, in alphabetical order ({@code listByName}) when the store
 * declares {@link Capability#SEARCH}, else in the store's own order ({@code list}), as it is while the store's search
 * index is being built (a search then throws {@link SearchIndexNotReadyException}). A search on a store without
 * {@link Capability#SEARCH} throws {@link SearchUnsupportedException}. Stateless and thread-safe.
 */
final class Listings {
    private Listings() {
    }

    /**
     * @param store    the store
     * @param q        the search text, {@code ""} for none
     * @param location the location filter, {@code ""} for none
     * @param jobTitle the job title filter, {@code ""} for none
     * @param request  the page wanted
     * @return the page
     * @throws io.github.employeestore.InvalidInputException for a search or filter the store refuses
     * @throws SearchIndexNotReadyException                   for a search while the store's search index is being
     *                                                        built
     * @throws SearchUnsupportedException                     for a search on a store that cannot search
     */
    static Listing page(EmployeeStore store, String q, String location, String jobTitle, PageRequest request) {
        EmployeeQuery query = query(store, q, location, jobTitle);
        if (query != null) {
            return new Listing(store.find(query, request), !q.isEmpty(), false);
        }
        if (searchable(store)) {
            try {
                return new Listing(store.listByName(request), true, false);
            } catch (SearchIndexNotReadyException e) {
                // the directory stays usable while the index is built: the store's own order until then (its page
                // links carry list cursors, which listByName refuses: pages in both orders never mix)
            }
            return new Listing(store.list(request), false, true);
        }
        return new Listing(store.list(request), false, false);
    }

    /**
     * A page of a listing.
     *
     * @param page         the page
     * @param alphabetical whether it is in the search order (a search, or the alphabetical listing)
     * @param indexPending whether the alphabetical listing was asked for but the search index is being built, so
     *                     the page is in the store's own order
     */
    record Listing(Page<Employee> page, boolean alphabetical, boolean indexPending) {
    }

    /**
     * @return the query of a search or filter, or {@code null} for the whole directory
     * @throws SearchUnsupportedException for a search on a store that cannot search
     */
    static EmployeeQuery query(EmployeeStore store, String q, String location, String jobTitle) {
        if (q.isEmpty() && location.isEmpty() && jobTitle.isEmpty()) {
            return null;
        }
        if (!q.isEmpty() && !searchable(store)) {
            throw new SearchUnsupportedException();
        }
        return EmployeeQuery.builder().name(q.isEmpty() ? null : q).location(location.isEmpty() ? null : location)
                .jobTitle(jobTitle.isEmpty() ? null : jobTitle).build();
    }

    /** @return whether the store can search by name and list alphabetically */
    static boolean searchable(EmployeeStore store) {
        return store.capabilities().contains(Capability.SEARCH);
    }

    /** A search by name on a store that does not declare {@link Capability#SEARCH}. */
    static final class SearchUnsupportedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SearchUnsupportedException() {
            super("this store cannot search by name");
        }
    }
}
