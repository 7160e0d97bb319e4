package org.erlbank.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.data.domain.Page;
import org.springframework.hateoas.IanaLinkRelations;
import org.springframework.hateoas.Link;
import org.springframework.hateoas.LinkRelation;

/**
 * The links of a page of a collection: {@code self}, and {@code first}, {@code prev}, {@code next} and
 * {@code last} where they lead somewhere.
 */
public final class PageLinks {

    private PageLinks() {
    }

    /**
     * @param linkToPage builds the link to a page number with a relation, typically with
     *                   {@code linkTo(methodOn(...).list(..., page, size)).withRel(relation)}
     */
    public static List<Link> of(Page<?> page, BiFunction<Integer, LinkRelation, Link> linkToPage) {
        var links = new ArrayList<Link>();
        int number = page.getNumber();
        links.add(linkToPage.apply(number, IanaLinkRelations.SELF));
        if (page.getTotalPages() > 0) {
            links.add(linkToPage.apply(0, IanaLinkRelations.FIRST));
            links.add(linkToPage.apply(page.getTotalPages() - 1, IanaLinkRelations.LAST));
        }
        if (page.hasPrevious() && number < page.getTotalPages()) {
            links.add(linkToPage.apply(number - 1, IanaLinkRelations.PREV));
        }
        if (page.hasNext()) {
            links.add(linkToPage.apply(number + 1, IanaLinkRelations.NEXT));
        }
        return links;
    }
}
