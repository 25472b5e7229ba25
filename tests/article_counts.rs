//! Positions and articles are counted apart: an article with two positions of one party is one
//! article of support, named once, in every command that counts them.

mod common;
use common::Test;

/// Two positions of North Korea (by two of its names) in one article, and one in another.
fn two_positions_from_one_article() -> Test {
    Test::new()
        .article(
            "2009-07-27-two.yaml",
            "article:\n  title: T\n  outlet: O\n  published: 2009-07-27\npositions:\n  - party: DPRK\n    stance: bilateral\n    basis: report\n    quote: one\n  - party: Pyongyang\n    stance: bilateral\n    basis: statement\n    quote: two\n",
        )
        .article(
            "2009-03-01-one.yaml",
            "article:\n  title: U\n  outlet: O\n  published: 2009-03-01\npositions:\n  - party: DPRK\n    stance: multilateral\n    basis: report\n    quote: earlier\n",
        )
}

#[test]
fn query_counts_one_article_for_two_positions() {
    two_positions_from_one_article()
        .args(&["query", "DPRK", "--at", "2009-08-01", "--format", "csv"])
        .stdout(
            "party,party_name,at,status,stance,stance_label,score,since,until,next_change,next_stance,next_stance_label,positions,articles,conflict_stances,conflict_labels,article_ids,disagreeing,disagreeing_stances,reason\n\
             north-korea,North Korea,2009-08-01,known,bilateral,Bilateral,-1.0,2009-07-27,,,,,2,1,,,2009-07-27-two,,,\n",
        )
        .run();
    let out = two_positions_from_one_article()
        .args(&["query", "DPRK", "--at", "2009-08-01"])
        .run();
    assert!(
        out.stdout
            .contains("\nsupport      2 positions from 1 article\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn changes_count_one_article_for_two_positions() {
    two_positions_from_one_article()
        .args(&["changes", "--format", "csv"])
        .stdout(
            "party,party_name,date,from,from_label,to,to_label,direction,previous_end,positions,articles,article_ids\n\
             north-korea,North Korea,2009-07-27,multilateral,Multilateral,bilateral,Bilateral,lower,2009-07-26,2,1,2009-07-27-two\n",
        )
        .run();
}

#[test]
fn check_counts_positions_and_articles_apart() {
    two_positions_from_one_article()
        .args(&["check"])
        .stderr(
            "note: quotes were not verified against the articles' texts (pass --sources DIR)\n\
             checked 2 articles: 3 positions, 3 parties, 0 problems\n",
        )
        .run();
}
