//! Names known before any article is read: a gazetteer of countries, regions and
//! cities, and a list of common given names. The suggester finds names by their
//! capitals; these lists only tell what kind of thing a name is ("Gazprom" is not a
//! place, "Madrid" is) and keep a place from being taken for a person's short name.
//! They are kept here, in the source, short and plain; a name missing from them is
//! still found, only with less evidence for its kind.

use std::collections::HashSet;
use std::sync::LazyLock;

/// True when `name` is a country, a region or a city in the gazetteer. Names in
/// capitals ("NEW YORK") are looked up as written in a sentence.
pub fn is_place(name: &str) -> bool {
    static PLACES: LazyLock<HashSet<&str>> = LazyLock::new(|| {
        [COUNTRIES, REGIONS, CITIES]
            .iter()
            .flat_map(|list| list.iter().copied())
            .collect()
    });
    PLACES.contains(name) || PLACES.contains(super::words::title_case(name).as_str())
}

/// True when `word` is a common given name: "John", "Maria", "Mohammed".
pub fn is_given_name(word: &str) -> bool {
    static GIVEN: LazyLock<HashSet<&str>> = LazyLock::new(|| GIVEN_NAMES.iter().copied().collect());
    GIVEN.contains(word)
}

/// Countries and territories, with the short and older names the news uses.
#[rustfmt::skip]
const COUNTRIES: &[&str] = &[
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua", "Argentina",
    "Armenia", "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh",
    "Barbados", "Belarus", "Belorus", "Byelorussia", "Belgium", "Belize", "Benin", "Bhutan",
    "Bolivia", "Bosnia", "Bosnia and Herzegovina", "Botswana", "Brazil", "Britain",
    "Great Britain", "Brunei", "Bulgaria", "Burkina Faso", "Burma", "Burundi", "Cambodia",
    "Cameroon", "Canada", "Cape Verde", "Central African Republic", "Chad", "Chile",
    "China", "Colombia", "Comoros", "Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus",
    "Czech Republic", "Czechia", "Czechoslovakia", "Denmark", "Djibouti", "Dominica",
    "Dominican Republic", "East Timor", "Timor-Leste", "Ecuador", "Egypt", "El Salvador",
    "England", "Equatorial Guinea", "Eritrea", "Estonia", "Eswatini", "Swaziland",
    "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia", "Georgia", "Germany",
    "Ghana", "Greece", "Grenada", "Guatemala", "Guinea", "Guinea-Bissau", "Guyana",
    "Haiti", "Holland", "Honduras", "Hong Kong", "Hungary", "Iceland", "India",
    "Indonesia", "Iran", "Iraq", "Ireland", "Northern Ireland", "Israel", "Italy",
    "Ivory Coast", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kiribati",
    "Korea", "North Korea", "South Korea", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos",
    "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein", "Lithuania",
    "Luxembourg", "Macau", "Macao", "Macedonia", "North Macedonia", "Madagascar", "Malawi",
    "Malaysia", "Maldives", "Mali", "Malta", "Mauritania", "Mauritius", "Mexico",
    "Micronesia", "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique",
    "Myanmar", "Namibia", "Nauru", "Nepal", "Netherlands", "New Zealand", "Nicaragua",
    "Niger", "Nigeria", "Norway", "Oman", "Pakistan", "Palau", "Palestine", "Panama",
    "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland", "Portugal",
    "Puerto Rico", "Qatar", "Romania", "Russia", "Rwanda", "Samoa", "San Marino",
    "Saudi Arabia", "Scotland", "Senegal", "Serbia", "Seychelles", "Sierra Leone",
    "Singapore", "Slovakia", "Slovenia", "Somalia", "South Africa", "South Sudan",
    "Soviet Union", "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden", "Switzerland",
    "Syria", "Taiwan", "Tajikistan", "Tanzania", "Thailand", "Tibet", "Togo", "Tonga",
    "Trinidad", "Trinidad and Tobago", "Tunisia", "Turkey", "Turkmenistan", "Tuvalu",
    "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom", "United States",
    "United States of America", "America", "Uruguay", "Uzbekistan", "Vanuatu", "Vatican",
    "Venezuela", "Vietnam", "Wales", "US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "Yemen", "Yugoslavia", "Zaire", "Zambia", "Zimbabwe",
];

/// Continents, seas and regions, and the states and provinces of large federations.
#[rustfmt::skip]
const REGIONS: &[&str] = &[
    "Africa", "Antarctica", "Asia", "Europe", "North America", "South America",
    "Latin America", "Central America", "Oceania", "Middle East", "Far East",
    "Balkans", "Caribbean", "Scandinavia", "Siberia", "Gaza", "Gaza Strip", "West Bank",
    "Kashmir", "Chechnya", "Kurdistan", "Crimea", "Tasmania", "Bavaria", "Catalonia",
    "Sicily", "Sardinia", "Corsica", "Flanders", "Wallonia", "Ulster", "Punjab",
    "Atlantic", "Pacific", "Mediterranean", "Baltic", "Arctic",
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas",
    "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan",
    "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
    "New Hampshire", "New Jersey", "New Mexico", "North Carolina", "North Dakota", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota",
    "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "West Virginia", "Washington State",
    "Wisconsin", "Wyoming",
    "Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland",
    "Nova Scotia", "Ontario", "Quebec", "Saskatchewan",
    "New South Wales", "Queensland", "Victoria", "Western Australia", "South Australia",
];

/// Capitals and other large or much-reported cities.
#[rustfmt::skip]
const CITIES: &[&str] = &[
    "Abu Dhabi", "Abuja", "Accra", "Addis Ababa", "Adelaide", "Algiers", "Amman",
    "Amsterdam", "Ankara", "Antwerp", "Athens", "Atlanta", "Auckland", "Baghdad", "Baku",
    "Bangalore", "Bangkok", "Barcelona", "Basra", "Beijing", "Beirut", "Belfast",
    "Belgrade", "Berlin", "Bern", "Birmingham", "Bogota", "Bombay", "Bonn", "Bordeaux",
    "Boston", "Brasilia", "Bratislava", "Brisbane", "Brussels", "Bucharest", "Budapest",
    "Buenos Aires", "Cairo", "Calcutta", "Calgary", "Canberra", "Cape Town", "Caracas",
    "Casablanca", "Chicago", "Colombo", "Copenhagen", "Dakar", "Dallas", "Damascus",
    "Dar es Salaam", "Delhi", "New Delhi", "Denver", "Detroit", "Dhaka", "Doha", "Dubai",
    "Dublin", "Durban", "Edinburgh", "Frankfurt", "Geneva", "Glasgow", "Gothenburg",
    "Guangzhou", "Hamburg", "Hanoi", "Harare", "Havana", "Helsinki", "Ho Chi Minh City",
    "Hobart", "Houston", "Islamabad", "Istanbul", "Jakarta", "Jeddah", "Jerusalem",
    "Johannesburg", "Kabul", "Kampala", "Karachi", "Kathmandu", "Khartoum", "Kiev", "Kyiv",
    "Kinshasa", "Kuala Lumpur", "Kuwait City", "Lagos", "Lahore", "Las Vegas", "Lima",
    "Lisbon", "Liverpool", "Ljubljana", "London", "Los Angeles", "Luanda", "Lusaka",
    "Lyon", "Madrid", "Manchester", "Manila", "Marseille", "Mecca", "Melbourne",
    "Mexico City", "Miami", "Milan", "Minsk", "Mogadishu", "Monrovia", "Montevideo",
    "Montreal", "Moscow", "Mosul", "Mumbai", "Munich", "Nairobi", "Naples", "New Orleans",
    "New York", "New York City", "Nicosia", "Osaka", "Oslo", "Ottawa", "Paris", "Perth",
    "Philadelphia", "Phnom Penh", "Phoenix", "Pittsburgh", "Prague", "Pretoria",
    "Pyongyang", "Quito", "Rabat", "Rangoon", "Yangon", "Riga", "Rio de Janeiro",
    "Riyadh", "Rome", "Rotterdam", "St Petersburg", "St. Petersburg", "San Diego",
    "San Francisco", "San Jose", "Santiago", "Sao Paulo", "Sarajevo", "Seattle", "Seoul",
    "Shanghai", "Shenzhen", "Singapore", "Sofia", "Stockholm", "Sydney", "Taipei",
    "Tallinn", "Tashkent", "Tbilisi", "Tegucigalpa", "Tehran", "Tel Aviv", "Tirana",
    "Tokyo", "Toronto", "Tripoli", "Tunis", "Turin", "Ulan Bator", "Vancouver", "Vienna",
    "Vilnius", "Warsaw", "Washington", "Wellington", "Yerevan", "Zagreb", "Zurich",
];

/// Common given names, from the English-speaking world, Europe, the Middle East and
/// South Asia.
#[rustfmt::skip]
const GIVEN_NAMES: &[&str] = &[
    "Aaron", "Abdul", "Abdullah", "Adam", "Adrian", "Ahmad", "Ahmed", "Alan", "Albert",
    "Alberto", "Alex", "Alexander", "Alexandra", "Alexei", "Alfred", "Ali", "Alice",
    "Alistair", "Allan", "Amanda", "Amy", "Ana", "Anders", "Andre", "Andrea", "Andreas",
    "Andrei", "Andrew", "Andy", "Angela", "Ann", "Anna", "Anne", "Anthony", "Antonio",
    "Arnold", "Arthur", "Barbara", "Barry", "Ben", "Benjamin", "Bernard", "Betty", "Bill",
    "Bob", "Boris", "Brad", "Brian", "Bruce", "Bruno", "Carl", "Carlos", "Carol",
    "Caroline", "Catherine", "Charles", "Charlie", "Chris", "Christian", "Christine",
    "Christopher", "Claire", "Claude", "Colin", "Craig", "Daniel", "Dave", "David",
    "Dean", "Dennis", "Diana", "Dmitry", "Dmitri", "Donald", "Doug", "Douglas", "Ed",
    "Eddie", "Edward", "Elena", "Elizabeth", "Emily", "Emma", "Eric", "Erik", "Francesco",
    "Francis", "Francisco", "Frank", "Franz", "Fred", "Gary", "Geoff", "George",
    "Georg", "Gerhard", "Giovanni", "Giuseppe", "Glenn", "Gordon", "Graham", "Greg",
    "Gregory", "Hans", "Harold", "Harry", "Hassan", "Heinz", "Helen", "Helmut", "Henry",
    "Hugh", "Hussein", "Ian", "Igor", "Ivan", "Jack", "Jacques", "James", "Jan", "Jane",
    "Janet", "Jason", "Jean", "Jeff", "Jennifer", "Jeremy", "Jim", "Jimmy", "Joan",
    "Joe", "Johan", "Johann", "John", "Jonathan", "Jorge", "Jose", "Joseph", "Juan",
    "Julia", "Julie", "Jurgen", "Karen", "Karl", "Kate", "Keith", "Ken", "Kenneth",
    "Kevin", "Klaus", "Larry", "Laura", "Lee", "Linda", "Lisa", "Luis", "Luc", "Luigi",
    "Marc", "Marco", "Margaret", "Maria", "Mario", "Mark", "Martin", "Mary", "Matthew",
    "Michael", "Michel", "Michelle", "Miguel", "Mikhail", "Mike", "Mohamed", "Mohammad",
    "Mohammed", "Muhammad", "Nancy", "Neil", "Nicholas", "Nick", "Nicola", "Nicolas",
    "Nigel", "Nikolai", "Oleg", "Oliver", "Olga", "Omar", "Pablo", "Patricia", "Patrick",
    "Paul", "Paolo", "Pedro", "Peter", "Philip", "Phil", "Pierre", "Rachel", "Rafael",
    "Ralph", "Raymond", "Richard", "Rick", "Rob", "Robert", "Roberto", "Roger", "Ron",
    "Ronald", "Ruth", "Ryan", "Sam", "Samuel", "Sandra", "Sarah", "Scott", "Sean",
    "Sergei", "Sergey", "Simon", "Stefan", "Stephen", "Steve", "Steven", "Stuart", "Susan",
    "Thomas", "Tim", "Timothy", "Tom", "Tony", "Vladimir", "Walter", "Wayne", "Werner",
    "William", "Wolfgang", "Yuri", "Yusuf",
];
